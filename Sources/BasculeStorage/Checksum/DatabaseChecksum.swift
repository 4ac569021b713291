import BasculeDomain
import SQLKit
import Synchronization

/// A digest of the logical content of the database, per table and overall. It does not depend
/// on row order nor on the engine: values are reduced to `ColumnValue` before hashing.
public struct DatabaseChecksum: Sendable {
    public struct Entry: Sendable {
        public let table: String
        public let digest: TableDigest
    }

    public let tables: [Entry]

    public var overall: String {
        TableDigest.overall(tables.map { ($0.table, $0.digest) })
    }

    public static func compute(on db: any SQLDatabase, tables: [DigestedTables.Table] = DigestedTables.all) async throws -> DatabaseChecksum {
        var entries: [Entry] = []
        for table in tables {
            entries.append(Entry(table: table.name, digest: try await digest(table, on: db)))
        }
        return DatabaseChecksum(tables: entries)
    }

    /// Streams the table's rows: memory stays flat whatever its size.
    static func digest(_ table: DigestedTables.Table, on db: any SQLDatabase) async throws -> TableDigest {
        let state = Mutex((digest: TableDigest(), error: (any Error)?.none))
        let select = db.select().from(table.name)
        for column in table.columns { _ = select.column(column.name) }
        try await db.execute(sql: select.query) { row in
            do {
                let values = try table.columns.map { column -> ColumnValue in
                    if try row.decodeNil(column: column.name) { return .null }
                    switch column.kind {
                    case .int: return .int(Int64(try row.decode(column: column.name, as: Int.self)))
                    case .text: return .text(try row.decode(column: column.name, as: String.self))
                    case .bool: return .bool(try row.decode(column: column.name, as: Bool.self))
                    }
                }
                state.withLock { $0.digest.add(row: values) }
            } catch {
                state.withLock { $0.error = $0.error ?? error }
            }
        }
        return try state.withLock { state in
            if let error = state.error { throw error }
            return state.digest
        }
    }
}
