import BasculeApp
import BasculeDomain
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor
import VaporTesting

/// Which engine the storage tests run on: PostgreSQL when `DATABASE_URL` names one (CI runs
/// the suite twice), else embedded SQLite.
enum TestEngine {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"],
              url.hasPrefix("postgres") else { return nil }
        return url
    }

    /// The Chromium tests run on SQLite only: what they store goes through the same stores as
    /// the route tests, which run on both engines, and the browser tests were the slowest of
    /// the PostgreSQL run that CI's 40 minutes must hold.
    static var runsBrowserTests: Bool { postgresURL == nil }
}

/// A fresh Bascule on a fresh, migrated database, shut down and dropped afterwards.
///
/// SQLite: a named in-memory database. PostgreSQL: a schema of its own in the test database,
/// so that tests run in parallel without seeing each other. A given data directory is kept.
/// `settings` are environment variables read as start-up reads them (`BASCULE_PUBLIC_URL`…).
func withTestApp(engine: TestDatabase = .fromEnvironment, dataDirectory: String? = nil, clock: WallClock = TestClock.clock,
                 settings: [String: String] = [:], _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    // An application that is not shut down traps in its deinit: a busy database must fail the
    // test, not the whole run.
    let database: TestDatabase.Created
    do { database = try await engine.create(on: app) } catch {
        try? await app.asyncShutdown()
        throw error
    }
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-test-\(UUID().uuidString)").path
    let dataDirectory = dataDirectory ?? temporary
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    do {
        var configuration = try AppConfiguration(environment: settings)
        configuration.storage = .sqlite(path: "unused")
        configuration.dataDirectory = dataDirectory
        try await configure(app, configuration: configuration, database: database.factory, clock: clock)
        try await app.prepareDatabase()
        try await body(app)
    } catch {
        try? await database.drop(app)
        try? await app.asyncShutdown()
        throw error
    }
    try await database.drop(app)
    try await app.asyncShutdown()
}

/// The tests' moment, whatever the day they run: a school day of 2025-2026 (the académie's
/// year), a few weeks before the change's as-of date (`YearChangeFixture.asOf`).
enum TestClock {
    static let clock = WallClock.fixed(ISO8601DateFormatter().date(from: "2026-06-15T08:00:00Z")!)
    static var today: CalendarDate { clock.today }
    static var now: String { clock.now }
}

enum TestDatabase: Hashable {
    case sqlite
    case postgres(url: String)
    /// A database kept after the test: the académie fixtures (`AcademyFixtures`).
    case sqliteFile(path: String)
    case postgresSchema(url: String, schema: String)

    static var fromEnvironment: TestDatabase {
        TestEngine.postgresURL.map { .postgres(url: $0) } ?? .sqlite
    }

    struct Created {
        let factory: DatabaseConfigurationFactory
        let drop: (Application) async throws -> Void
    }

    private static let admin = DatabaseID(string: "test-admin")

    func create(on app: Application) async throws -> Created {
        switch self {
        case .sqlite:
            return Created(factory: .sqlite(SQLiteConfiguration(storage: .memory(identifier: "test-\(UUID().uuidString)"))), drop: { _ in })
        case .sqliteFile(let path):
            return Created(factory: .sqlite(SQLiteConfiguration(storage: .file(path: path))), drop: { _ in })
        case .postgres(let url):
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            return try await Self.postgres(url: url, schema: schema, on: app, dropAfter: true)
        case .postgresSchema(let url, let schema):
            return try await Self.postgres(url: url, schema: schema, on: app, dropAfter: false)
        }
    }

    /// The whole suite runs in parallel on one server: on two busy cores a connection may take
    /// longer than the driver's 10 s to open, or to be handed out. The tests wait rather than fail.
    private static func testConfiguration(url: String) throws -> SQLPostgresConfiguration {
        var configuration = try SQLPostgresConfiguration.bascule(url: url)
        configuration.coreConfiguration.options.connectTimeout = .seconds(120)
        return configuration
    }

    private static func postgres(url: String, schema: String, on app: Application, dropAfter: Bool) async throws -> Created {
        app.databases.use(.postgres(configuration: try testConfiguration(url: url), connectionPoolTimeout: .seconds(180)),
                          as: admin, isDefault: false)
        try await (app.db(admin) as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run()
        var configuration = try testConfiguration(url: url)
        configuration.searchPath = [schema]
        // One connection per event loop, and a long wait for it.
        return Created(factory: .postgres(configuration: configuration, connectionPoolTimeout: .seconds(180)), drop: { app in
            guard dropAfter else { return }
            try await (app.db(admin) as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        })
    }
}

extension Application {
    /// The tests' own SQL: the app reaches the database only through BasculeStorage's stores.
    var sql: any SQLDatabase { db as! any SQLDatabase }
}
