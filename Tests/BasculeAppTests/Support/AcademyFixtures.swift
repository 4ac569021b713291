import BasculeApp
import BasculeDomain
import BasculeGenerator
import BasculeStorage
import FluentKit
import Foundation
import SQLKit
import Vapor

/// The generated académies of the tests, each built once per test run in a database of its own
/// (a SQLite file, or a PostgreSQL schema) and copied table by table into each test's fresh
/// database: generating the small académie with its year of activity for every test took most
/// of the suite's time. The copy keeps ids and stored files, so tests see exactly what a
/// generation would have written.
actor AcademyFixtures {
    static let shared = AcademyFixtures()

    struct Key: Hashable, Sendable {
        let isPostgres: Bool
        let seed: UInt64
        let withActivity: Bool
    }

    /// Where a built académie is: a SQLite file or a PostgreSQL schema, and its stored files.
    struct Source: Sendable {
        enum Database: Sendable {
            case sqlite(path: String)
            case postgres(schema: String)
        }

        let database: Database
        let filesDirectory: String
    }

    private var sources: [Key: Task<Source, any Error>] = [:]

    /// Fills the (migrated, empty) database of `app` with the académie.
    func copy(seed: UInt64, withActivity: Bool, into app: Application) async throws {
        let key = Key(isPostgres: app.sql.dialect.name == "postgresql", seed: seed, withActivity: withActivity)
        let task = sources[key] ?? Task { try await Self.build(key) }
        sources[key] = task
        let source = try await task.value
        try await Self.copyTables(from: source, into: app)
        let files = URL(fileURLWithPath: app.configuration.dataDirectory).appendingPathComponent("files").path
        if FileManager.default.fileExists(atPath: source.filesDirectory) {
            try FileManager.default.createDirectory(atPath: app.configuration.dataDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source.filesDirectory, toPath: files)
        }
    }

    /// This run's fixtures, under a folder named for the test process; those of runs that have
    /// ended are removed when the first fixture of a run is built.
    private static let runDirectory: String = {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("bascule-fixtures-") {
            if let pid = Int32(name.dropFirst("bascule-fixtures-".count)), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
        return temporary.appendingPathComponent("bascule-fixtures-\(getpid())").path
    }()

    private static func build(_ key: Key) async throws -> Source {
        let directory = runDirectory + "/\(key.isPostgres ? "postgres" : "sqlite")-\(key.seed)-\(key.withActivity)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let engine: TestDatabase
        let database: Source.Database
        if key.isPostgres, let url = TestEngine.postgresURL {
            let schema = "fixture_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            (engine, database) = (.postgresSchema(url: url, schema: schema), .postgres(schema: schema))
        } else {
            let path = directory + "/academy.sqlite"
            (engine, database) = (.sqliteFile(path: path), .sqlite(path: path))
        }
        try await withTestApp(engine: engine, dataDirectory: directory) { app in
            let generator = AcademyGenerator(preset: .small, seed: key.seed, yearName: SchoolYearName(startYear: 2025))
            let activity = key.withActivity
                ? ActivityGenerator(seed: key.seed, year: generator.year, subjects: generator.subjects, mailShare: 0.25) : nil
            _ = try await AcademyWriter.write(generator, activity: activity,
                                              files: FileStore(dataDirectory: app.configuration.dataDirectory), to: app.db)
        }
        return Source(database: database, filesDirectory: directory + "/files")
    }

    private static func copyTables(from source: Source, into app: Application) async throws {
        let tables = DigestedTables.all.map(\.name)
        try await app.db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            switch source.database {
            case .sqlite(let path):
                try await sql.raw("ATTACH DATABASE \(bind: path) AS fixture").run()
                try await connection.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
                    for table in tables {
                        try await sql.raw("INSERT INTO main.\(ident: table) SELECT * FROM fixture.\(ident: table)").run()
                    }
                }
                try await sql.raw("DETACH DATABASE fixture").run()
            case .postgres(let schema):
                try await connection.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    // The rows come from a database the same migrations built and the generator
                    // filled: checking each reference again (a trigger per row) took most of the copy.
                    try await sql.raw("SET LOCAL session_replication_role = replica").run()
                    for table in tables {
                        try await sql.raw("INSERT INTO \(ident: table) SELECT * FROM \(ident: schema).\(ident: table)").run()
                    }
                    try await SequenceSync.resync(sql, tables: tables)
                }
            }
        }
    }
}
