import BasculeDomain
import NIOCore
import PostgresNIO
import SQLiteNIO
import SQLKit

/// Bulk loads: `COPY … FROM STDIN` on PostgreSQL, multi-row INSERTs on SQLite. Either way a
/// load costs a few round trips per table, not one per row. On SQLite the values are bound as
/// `SQLiteData` directly: going through `Encodable` costs a dynamic cast per value, which made
/// a load three times slower.
public struct BulkInserter: Sendable {
    let db: any SQLDatabase
    /// SQLite allows 32 766 bound parameters per statement; stay well under.
    static let maxParameters = 16_000

    public init(_ db: any SQLDatabase) {
        self.db = db
    }

    /// `table` and `columns` are the code's own constants, never user input: COPY takes them as they are.
    public func insert(into table: String, columns: [String], rows: [[ColumnValue]]) async throws {
        guard !rows.isEmpty else { return }
        if let postgres = db as? any PostgresDatabase {
            try await copy(into: table, columns: columns, rows: rows, on: postgres)
            return
        }
        let chunkSize = max(1, Self.maxParameters / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + chunkSize, rows.count)
            if let sqlite = db as? any SQLiteDatabase {
                try await insert(rows[start..<end], into: table, columns: columns, on: sqlite)
            } else {
                let builder = db.insert(into: table).columns(columns)
                for row in rows[start..<end] {
                    builder.values(row.map(\.sqlExpression))
                }
                try await builder.run()
            }
            start = end
        }
    }

    private func insert(_ rows: ArraySlice<[ColumnValue]>, into table: String, columns: [String],
                        on sqlite: any SQLiteDatabase) async throws {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ",")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * columns.count)
        for row in rows {
            for value in row { binds.append(value.sqliteData) }
        }
        _ = try await sqlite.query(sql, binds).get()
    }

    public func insert<Row: ColumnRow>(_ rows: [Row]) async throws {
        try await insert(into: Row.table, columns: Row.columns, rows: rows.map(\.columnValues))
    }

    /// COPY in text format, streamed in buffers of about a megabyte. Inside a transaction the
    /// database is bound to one connection, so the COPY belongs to that transaction.
    private func copy(into table: String, columns: [String], rows: [[ColumnValue]],
                      on postgres: any PostgresDatabase) async throws {
        let logger = db.logger
        try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(1 << 20)
                    for row in rows {
                        for (index, value) in row.enumerated() {
                            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                            value.writeCopyText(into: &buffer)
                        }
                        buffer.writeInteger(UInt8(ascii: "\n"))
                        if buffer.readableBytes >= 1 << 20 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
        }.get()
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

    /// As SQLiteKit stores it (booleans are integers), so that both paths write the same rows.
    var sqliteData: SQLiteData {
        switch self {
        case .null: .null
        case .int(let value): .integer(Int(value))
        case .text(let value): .text(value)
        case .bool(let value): .integer(value ? 1 : 0)
        }
    }

    /// PostgreSQL's COPY text format: `\N` for null, backslash escapes for the separators. Text
    /// without a separator (nearly all of it) is copied in one write: a write per byte made the
    /// debug builds' loads several times slower.
    func writeCopyText(into buffer: inout ByteBuffer) {
        switch self {
        case .null: buffer.writeStaticString("\\N")
        case .int(let value): buffer.writeString(String(value))
        case .bool(let value): buffer.writeStaticString(value ? "t" : "f")
        case .text(let value):
            guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else {
                buffer.writeString(value)
                return
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.utf8.count + 8)
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                default: bytes.append(byte)
                }
            }
            buffer.writeBytes(bytes)
        }
    }
}
