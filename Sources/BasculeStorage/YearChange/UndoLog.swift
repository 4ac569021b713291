import BasculeDomain
import Foundation
import SQLKit

/// Records what a step of a year change writes, so that the change can be undone exactly:
/// the old value of every column it sets, the id of every row it inserts, and every row it
/// removes (as JSON). Each call is a couple of set-based statements inside the step's transaction.
struct UndoLog {
    let sql: any SQLDatabase
    let runID: Int
    let step: String

    /// Sets columns of the rows of `table` that meet `predicate`, after logging their old values.
    /// Returns how many rows changed.
    @discardableResult
    func update(_ table: String, set assignments: [(column: String, value: SQLQueryString)],
                where predicate: SQLQueryString) async throws -> Int {
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(predicate)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        guard count > 0 else { return 0 }
        for (column, _) in assignments {
            let (oldInt, oldText): (SQLQueryString, SQLQueryString) = switch Self.kind(of: column, in: table) {
            case .int: ("\(ident: column)", "NULL")
            case .bool: ("CASE WHEN \(ident: column) THEN 1 ELSE 0 END", "NULL")
            case .text: ("NULL", "\(ident: column)")
            }
            try await sql.raw("""
                INSERT INTO year_change_undo (run_id, step, table_name, row_id, column_name, old_int, old_text)
                SELECT \(bind: runID), \(bind: step), \(bind: table), id, \(bind: column), \(oldInt), \(oldText)
                FROM \(ident: table) WHERE \(predicate)
                """).run()
        }
        var set: SQLQueryString = ""
        for (index, assignment) in assignments.enumerated() {
            set = index == 0 ? "\(ident: assignment.column) = \(assignment.value)"
                             : "\(set), \(ident: assignment.column) = \(assignment.value)"
        }
        try await sql.raw("UPDATE \(ident: table) SET \(set) WHERE \(predicate)").run()
        return count
    }

    /// Logs rows the step inserted, to delete on undo.
    func inserted(_ table: String, ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        let insert = sql.insert(into: "year_change_undo").columns("run_id", "step", "table_name", "row_id")
        for id in ids { insert.values(SQLBind(runID), SQLBind(step), SQLBind(table), SQLBind(id)) }
        try await insert.run()
    }

    /// Removes the rows of `table` that meet `predicate`, keeping them in the log. For small
    /// sets only (roles of archived sections): each row is read and written once more.
    @discardableResult
    func remove(_ table: String, where predicate: SQLQueryString) async throws -> Int {
        guard let spec = DigestedTables.all.first(where: { $0.name == table }) else { return 0 }
        var columns: SQLQueryString = ""
        for (index, column) in spec.columns.enumerated() {
            columns = index == 0 ? "\(ident: column.name)" : "\(columns), \(ident: column.name)"
        }
        let rows = try await sql.raw("SELECT \(columns) FROM \(ident: table) WHERE \(predicate)").all()
        guard !rows.isEmpty else { return 0 }
        let insert = sql.insert(into: "year_change_undo").columns("run_id", "step", "table_name", "row_id", "column_name", "old_text")
        for row in rows {
            let values = try spec.columns.map { column -> Any in
                if try row.decodeNil(column: column.name) { return NSNull() }
                switch column.kind {
                case .int: return try row.decode(column: column.name, as: Int.self)
                case .text: return try row.decode(column: column.name, as: String.self)
                case .bool: return try row.decode(column: column.name, as: Bool.self)
                }
            }
            let json = String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)
            insert.values(SQLBind(runID), SQLBind(step), SQLBind(table), SQLBind(values[0] as! Int), SQLBind("*"), SQLBind(json))
        }
        try await insert.run()
        try await sql.raw("DELETE FROM \(ident: table) WHERE \(predicate)").run()
        return rows.count
    }

    static func kind(of column: String, in table: String) -> ColumnKind {
        DigestedTables.all.first { $0.name == table }?.columns.first { $0.name == column }?.kind ?? .text
    }
}
