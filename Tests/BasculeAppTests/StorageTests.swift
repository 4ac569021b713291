import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

@Suite("Storage: schema, generator, checksum")
struct StorageTests {
    private func generate(_ app: Application, seed: UInt64 = 3, withActivity: Bool = false) async throws -> AcademyWriter.Counts {
        let generator = AcademyGenerator(preset: .small, seed: seed, yearName: SchoolYearName(startYear: 2025))
        let activity = withActivity ? ActivityGenerator(seed: seed, year: generator.year, subjects: generator.subjects) : nil
        return try await AcademyWriter.write(generator, activity: activity,
                                             files: FileStore(dataDirectory: app.configuration.dataDirectory), to: app.db)
    }

    /// The columns of every table of the live schema, from the engine's own catalogue.
    private func liveSchema(_ sql: any SQLDatabase) async throws -> [String: Set<String>] {
        struct Column: Decodable { let table_name: String; let column_name: String }
        let rows: [Column] = if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                SELECT m.name AS table_name, p.name AS column_name
                FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """).all(decoding: Column.self)
        } else {
            try await sql.raw("""
                SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                """).all(decoding: Column.self)
        }
        return Dictionary(grouping: rows, by: \.table_name).mapValues { Set($0.map(\.column_name)) }
    }

    @Test("The checksum covers every table and every column of the schema")
    func checksumCoversSchema() async throws {
        try await withTestApp { app in
            // act
            let live = try await liveSchema(app.sql).filter { !DigestedTables.excluded.contains($0.key) }
            let digested = Dictionary(uniqueKeysWithValues: DigestedTables.all.map { ($0.name, Set($0.columns.map(\.name))) })
            // check
            #expect(live == digested)
        }
    }

    @Test("Generating writes every row the generator made, and refuses a database that is not empty")
    func generateWritesEverything() async throws {
        try await withTestApp { app in
            // setup
            var generator = AcademyGenerator(preset: .small, seed: 3, yearName: SchoolYearName(startYear: 2025))
            var activity = ActivityGenerator(seed: 3, year: generator.year, subjects: generator.subjects)
            var expected: [String: Int] = [
                "school_years": 1, "subjects": generator.subjects.count, "mefs": generator.mefs.count, "accounts": 1,
                "files": activity.files.count,
            ]
            while let batch = generator.nextEstablishment() {
                for (table, n) in batch.tableCounts { expected[table, default: 0] += n }
                for (table, rows) in activity.activity(for: batch).tables { expected[table, default: 0] += rows.count }
            }
            // act
            let counts = try await generate(app, withActivity: true)
            // check
            for (table, n) in expected {
                #expect(counts[table] == n, "\(table)")
                let stored = try await app.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(table).first(decodingColumn: "n", as: Int.self)
                #expect(stored == counts[table], "\(table)")
            }
            await #expect(throws: AcademyWriter.Failure.self) { try await generate(app) }
        }
    }

    @Test("After a bulk load with explicit ids, the database hands out new ids past them")
    func sequencesFollowBulkLoad() async throws {
        try await withTestApp { app in
            // setup
            _ = try await generate(app)
            let maxID = try await Account.query(on: app.db).max(\.$id)!
            // act
            let account = Account(login: "nouveau.compte", firstName: "Nouveau", lastName: "Compte", source: .manual)
            try await account.create(on: app.db)
            // check
            #expect(try account.requireID() > maxID)
        }
    }

    @Test("Same seed, same digest; the digest ignores row order")
    func checksumIsDeterministic() async throws {
        var digests: [String] = []
        for _ in 0..<2 {
            try await withTestApp { app in
                _ = try await generate(app)
                digests.append(try await DatabaseChecksum.compute(on: app.sql).overall)
            }
        }
        // Rows inserted in reverse order give the same digest.
        try await withTestApp { app in
            _ = try await generate(app)
            try await reverseRows(of: "head_teachers", on: app.sql)
            digests.append(try await DatabaseChecksum.compute(on: app.sql).overall)
        }
        try await withTestApp { app in
            _ = try await generate(app, seed: 4)
            let other = try await DatabaseChecksum.compute(on: app.sql).overall
            #expect(other != digests[0])
        }
        #expect(Set(digests).count == 1)
    }

    /// Deletes a table's rows and inserts them back in reverse id order.
    private func reverseRows(of table: String, on sql: any SQLDatabase) async throws {
        struct Row: Codable { let id: Int; let class_id: Int; let teacher_id: Int }
        let rows = try await sql.select().columns("id", "class_id", "teacher_id").from(table).orderBy("id")
            .all(decoding: Row.self)
        try await sql.delete(from: table).run()
        for row in rows.reversed() {
            try await sql.insert(into: table).model(row).run()
        }
    }

    @Test("Reading a table page by page gives the digest of reading it whole")
    func checksumPaging() async throws {
        try await withTestApp { app in
            // setup
            _ = try await generate(app)
            let accounts = DigestedTables.all.first { $0.name == "accounts" }!
            // act
            let whole = try await DatabaseChecksum.digest(accounts, on: app.sql, pageSize: 1_000_000)
            let paged = try await DatabaseChecksum.digest(accounts, on: app.sql, pageSize: 7)
            // check
            #expect(paged == whole)
            #expect(paged.rowCount == (try await Account.query(on: app.db).count()))
        }
    }

    @Test("Any change to a row changes the digest of its table, and only of it")
    func checksumDetectsChanges() async throws {
        try await withTestApp { app in
            // setup
            _ = try await generate(app)
            let before = try await DatabaseChecksum.compute(on: app.sql)
            // act
            let account = try await Account.query(on: app.db).filter(\.$source == .feed).first()!
            account.firstName += "e"
            try await account.save(on: app.db)
            let afterUpdate = try await DatabaseChecksum.compute(on: app.sql)
            let firstMembership = try await GroupMembership.query(on: app.db).sort(\.$id).first()!
            try await firstMembership.delete(on: app.db)
            let afterDelete = try await DatabaseChecksum.compute(on: app.sql)
            // check
            #expect(afterUpdate.overall != before.overall)
            let changed = zip(before.tables, afterUpdate.tables).filter { $0.digest != $1.digest }.map(\.0.table)
            #expect(changed == ["accounts"])
            #expect(afterDelete.overall != afterUpdate.overall)
            let deleted = afterDelete.tables.first { $0.table == "group_memberships" }!.digest.rowCount
            #expect(deleted == before.tables.first { $0.table == "group_memberships" }!.digest.rowCount - 1)
        }
    }

    @Test("The same seed gives the same digest on SQLite and on PostgreSQL",
          .enabled(if: TestEngine.postgresURL != nil, "needs DATABASE_URL pointing at PostgreSQL"))
    func checksumAcrossEngines() async throws {
        var digests: [TestDatabase: DatabaseChecksum] = [:]
        for engine in [TestDatabase.sqlite, .postgres(url: TestEngine.postgresURL!)] {
            try await withTestApp(engine: engine) { app in
                _ = try await generate(app, withActivity: true)
                digests[engine] = try await DatabaseChecksum.compute(on: app.sql)
            }
        }
        let (sqlite, postgres) = (digests[.sqlite]!, digests[.postgres(url: TestEngine.postgresURL!)]!)
        for (a, b) in zip(sqlite.tables, postgres.tables) {
            #expect(a.digest == b.digest, "\(a.table)")
        }
        #expect(sqlite.overall == postgres.overall)
    }
}
