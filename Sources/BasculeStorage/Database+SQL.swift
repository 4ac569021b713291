import FluentKit
import Foundation
import SQLKit

extension Database {
    /// The SQL side of a Fluent database: both drivers Bascule runs on (SQLite, PostgreSQL) are
    /// SQL ones. Kept inside BasculeStorage, so that the stores are the only place SQL is written.
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

extension DatabaseLock {
    public init(_ name: String, on db: any Database, holder: String, staleAfter: TimeInterval) {
        self.init(name, on: db.sql, holder: holder, staleAfter: staleAfter)
    }
}

extension Database {
    /// `sqlite` or `postgresql`, for the benches' reports.
    public var dialectName: String { sql.dialect.name }

    /// Tunes SQLite for a server's workload: WAL lets readers go on while a writer (an import,
    /// the year change) works.
    public func tuneForServer() async throws {
        if dialectName == "sqlite" {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
        }
    }
}

extension DatabaseChecksum {
    public static func compute(on db: any Database) async throws -> DatabaseChecksum {
        try await compute(on: db.sql)
    }
}
