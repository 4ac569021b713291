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

    /// On SQLite, reads the table in pages of `pageSize` rows by id (every digested table has an
    /// integer `id`): memory stays flat whatever the table's size (SQLiteNIO buffers a whole
    /// result set before handing it over). PostgreSQL sums the digest itself.
    static func digest(_ table: DigestedTables.Table, on db: any SQLDatabase, pageSize: Int = 20_000) async throws -> TableDigest {
        if db.dialect.name == "postgresql" {
            return try await postgresDigest(table, on: db)
        }
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

    /// The same digest summed by PostgreSQL (`sha256`, `int8send`): each row encoded as
    /// `ColumnValue` encodes it, hashed, its lanes added modulo 2⁶⁴. Nothing crosses the network
    /// but five numbers, where reading the rows took seconds for the small académie.
    private static func postgresDigest(_ table: DigestedTables.Table, on db: any SQLDatabase) async throws -> TableDigest {
        // Table and column names are the code's constants (`DigestedTables`), never user input.
        let row = table.columns.map { column -> String in
            let name = "\"\(column.name)\""
            let value = switch column.kind {
            case .int: "'\\x01'::bytea || int8send(\(name)::int8)"
            case .bool: "CASE WHEN \(name) THEN '\\x0201'::bytea ELSE '\\x0200'::bytea END"
            case .text: "'\\x03'::bytea || int8send(octet_length(\(name)::text)::int8) || convert_to(\(name)::text, 'UTF8')"
            }
            return "CASE WHEN \(name) IS NULL THEN '\\x00'::bytea ELSE \(value) END"
        }.joined(separator: " || ")
        let modulus = "18446744073709551616"
        let lanes = (0..<4).map { lane in
            let word = "('x' || encode(substring(h FROM \(lane * 8 + 1) FOR 8), 'hex'))::bit(64)::bigint::numeric"
            return "mod(mod(coalesce(sum(\(word)), 0), \(modulus)) + \(modulus), \(modulus))::text AS lane\(lane)"
        }.joined(separator: ", ")
        struct Sums: Decodable {
            let rows: Int
            let lane0: String, lane1: String, lane2: String, lane3: String
        }
        let sql = "SELECT count(*)::int8 AS rows, \(lanes) FROM (SELECT sha256(\(row)) AS h FROM \"\(table.name)\") AS hashed"
        guard let sums = try await db.raw(SQLQueryString(stringLiteral: sql)).first(decoding: Sums.self),
              let lane0 = UInt64(sums.lane0), let lane1 = UInt64(sums.lane1), let lane2 = UInt64(sums.lane2), let lane3 = UInt64(sums.lane3)
        else { throw DigestError(table: table.name) }
        return TableDigest(lanes: (lane0, lane1, lane2, lane3), rowCount: sums.rows)
    }

    struct DigestError: Error, CustomStringConvertible {
        let table: String
        var description: String { "somme de contrôle illisible pour la table \(table)" }
    }
}
