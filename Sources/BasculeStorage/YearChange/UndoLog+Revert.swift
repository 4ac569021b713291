import BasculeDomain
import Foundation
import SQLKit

extension UndoLog {
    /// Puts back everything a run wrote: old values first (so that rows moved under an
    /// inserted section are moved back before it goes), then inserted rows in reverse order,
    /// then removed rows. Then forgets the run's log.
    static func revert(runID: Int, on sql: any SQLDatabase) async throws {
        struct Change: Decodable { let table_name: String; let column_name: String }
        let changes = try await sql.raw("""
            SELECT DISTINCT table_name, column_name FROM year_change_undo
            WHERE run_id = \(bind: runID) AND column_name IS NOT NULL AND column_name <> '*'
            """).all(decoding: Change.self)
        for change in changes {
            let old: SQLQueryString = switch kind(of: change.column_name, in: change.table_name) {
            case .int: "u.old_int"
            case .bool: "u.old_int = 1"
            case .text: "u.old_text"
            }
            try await sql.raw("""
                UPDATE \(ident: change.table_name) SET \(ident: change.column_name) = (
                    SELECT \(old) FROM year_change_undo u
                    WHERE u.run_id = \(bind: runID) AND u.table_name = \(bind: change.table_name)
                      AND u.column_name = \(bind: change.column_name) AND u.row_id = \(ident: change.table_name).id
                    ORDER BY u.id LIMIT 1)
                WHERE id IN (SELECT row_id FROM year_change_undo WHERE run_id = \(bind: runID)
                             AND table_name = \(bind: change.table_name) AND column_name = \(bind: change.column_name))
                """).run()
        }
        struct Inserted: Decodable { let table_name: String; let first: Int }
        let inserted = try await sql.raw("""
            SELECT table_name, MIN(id) AS first FROM year_change_undo
            WHERE run_id = \(bind: runID) AND column_name IS NULL GROUP BY table_name ORDER BY first DESC
            """).all(decoding: Inserted.self)
        for table in inserted {
            try await sql.raw("""
                DELETE FROM \(ident: table.table_name) WHERE id IN (
                    SELECT row_id FROM year_change_undo WHERE run_id = \(bind: runID)
                    AND table_name = \(bind: table.table_name) AND column_name IS NULL)
                """).run()
        }
        struct Removed: Decodable { let table_name: String; let old_text: String }
        let removed = try await sql.raw("""
            SELECT table_name, old_text FROM year_change_undo WHERE run_id = \(bind: runID) AND column_name = '*' ORDER BY id
            """).all(decoding: Removed.self)
        let bulk = BulkInserter(sql)
        for (table, rows) in Dictionary(grouping: removed, by: \.table_name) {
            guard let spec = DigestedTables.all.first(where: { $0.name == table }) else { continue }
            let values = try rows.map { row -> [ColumnValue] in
                let array = try JSONSerialization.jsonObject(with: Data(row.old_text.utf8)) as! [Any]
                return zip(array, spec.columns).map { value, column in
                    if value is NSNull { return .null }
                    switch column.kind {
                    case .int: return .int(Int64((value as! NSNumber).int64Value))
                    case .bool: return .bool((value as! NSNumber).boolValue)
                    case .text: return .text(value as! String)
                    }
                }
            }
            try await bulk.insert(into: table, columns: spec.columns.map(\.name), rows: values)
        }
        try await sql.delete(from: "year_change_undo").where("run_id", .equal, runID).run()
    }
}
