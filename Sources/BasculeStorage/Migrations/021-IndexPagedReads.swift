import FluentKit
import SQLKit

/// Indexes for two pages measured above 50 ms at p95 on the académie preset: the class logbook
/// listed latest first (no sort of the whole year), and the year change's count of unfiled
/// mail (read from the index alone). Frozen as they shipped.
public struct IndexPagedReads: AsyncMigration {
    public init() {}

    static let indexes: [(table: String, columns: [String])] = [
        ("logbook_sessions", ["establishment_id", "school_year_id", "held_on", "slot"]),
        ("mail_deliveries", ["account_id", "school_year_id", "folder_id", "is_archived"]),
    ]

    public func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for (table, columns) in Self.indexes {
            var index = sql.create(index: "ix_\(table)_\(columns.joined(separator: "_"))").on(table)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    public func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for (table, columns) in Self.indexes {
            try await sql.drop(index: "ix_\(table)_\(columns.joined(separator: "_"))").run()
        }
    }
}
