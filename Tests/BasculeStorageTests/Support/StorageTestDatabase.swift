import BasculeStorage
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOPosix
import SQLKit

/// A fresh database migrated by `BasculeMigrations`, without Vapor: a named in-memory SQLite
/// database, or a schema of its own in the PostgreSQL that `DATABASE_URL` names (dropped after).
enum StorageTestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? $0 : nil }
    }

    static func withMigrated(_ body: (any Database) async throws -> Void) async throws {
        var logger = Logger(label: "bascule-storage-tests")
        logger.logLevel = .warning
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        let main = DatabaseID(string: "main")
        let admin = DatabaseID(string: "admin")
        var schema: String?
        if let url = postgresURL {
            let name = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            databases.use(.postgres(configuration: try testConfiguration(url: url), connectionPoolTimeout: .seconds(180)),
                          as: admin, isDefault: false)
            try await sql(databases, admin, logger).raw("CREATE SCHEMA \(ident: name)").run()
            var configuration = try testConfiguration(url: url)
            configuration.searchPath = [name]
            databases.use(.postgres(configuration: configuration, connectionPoolTimeout: .seconds(180)), as: main, isDefault: true)
            schema = name
        } else {
            databases.use(.sqlite(SQLiteConfiguration(storage: .memory(identifier: "storage-\(UUID().uuidString)"))), as: main,
                          isDefault: true)
        }
        let migrations = Migrations()
        migrations.add(BasculeMigrations.all)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger,
                                on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        do {
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            try await body(databases.database(main, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!)
        } catch {
            if let schema { try? await sql(databases, admin, logger).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
            await databases.shutdownAsync()
            throw error
        }
        if let schema { try await sql(databases, admin, logger).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        await databases.shutdownAsync()
    }

    /// The whole suite runs in parallel on one server: on two busy cores a connection may take
    /// longer than the driver's 10 s to open. The tests wait rather than fail.
    private static func testConfiguration(url: String) throws -> SQLPostgresConfiguration {
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.coreConfiguration.options.connectTimeout = .seconds(120)
        return configuration
    }

    private static func sql(_ databases: Databases, _ id: DatabaseID, _ logger: Logger) -> any SQLDatabase {
        databases.database(id, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()) as! any SQLDatabase
    }
}
