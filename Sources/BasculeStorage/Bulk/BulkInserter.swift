import BasculeDomain
import SQLKit

/// Multi-row INSERTs through SQLKit: one statement per chunk of rows, so that a bulk load
/// costs a few hundred round trips, not one per row.
public struct BulkInserter: Sendable {
    let db: any SQLDatabase
    /// SQLite allows 32 766 bound parameters per statement, PostgreSQL 65 535; stay well under both.
    static let maxParameters = 16_000

    public init(_ db: any SQLDatabase) {
        self.db = db
    }

    public func insert(into table: String, columns: [String], rows: [[ColumnValue]]) async throws {
        guard !rows.isEmpty else { return }
        let chunkSize = max(1, Self.maxParameters / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + chunkSize, rows.count)
            let builder = db.insert(into: table).columns(columns)
            for row in rows[start..<end] {
                builder.values(row.map(\.sqlExpression))
            }
            try await builder.run()
            start = end
        }
    }

    public func insert<Row: ColumnRow>(_ rows: [Row]) async throws {
        try await insert(into: Row.table, columns: Row.columns, rows: rows.map(\.columnValues))
    }
}

/// A domain row that knows its table and column order.
public protocol ColumnRow: Sendable {
    static var table: String { get }
    static var columns: [String] { get }
    var columnValues: [ColumnValue] { get }
}

extension ColumnValue {
    var sqlExpression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .int(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        case .bool(let value): SQLBind(value)
        }
    }
}
