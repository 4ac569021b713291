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

    /// Reads the table in pages of `pageSize` rows by id (every digested table has an integer
    /// `id`): memory stays flat whatever the table's size, on both engines (SQLiteNIO buffers a
    /// whole result set before handing it over).
    static func digest(_ table: DigestedTables.Table, on db: any SQLDatabase, pageSize: Int = 20_000) async throws -> TableDigest {
        let state = Mutex((digest: TableDigest(), lastID: Int64.min, rows: 0, error: (any Error)?.none))
        while true {
            let lastID = state.withLock { $0.lastID }
            let select = db.select().from(table.name)
            for column in table.columns { _ = select.column(column.name) }
            select.where("id", .greaterThan, lastID).orderBy("id").limit(pageSize)
            state.withLock { $0.rows = 0 }
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
                    state.withLock {
                        $0.digest.add(row: values)
                        $0.rows += 1
                        if case .int(let id) = values[0] { $0.lastID = max($0.lastID, id) }
                    }
                } catch {
                    state.withLock { $0.error = $0.error ?? error }
                }
            }
            let (rows, error) = state.withLock { ($0.rows, $0.error) }
            if let error { throw error }
            if rows < pageSize { break }
        }
        return state.withLock { $0.digest }
    }
}
