import SQLKit

/// After rows are inserted with explicit ids, PostgreSQL's identity sequences still start at 1;
/// move them past the largest id so that later inserts by the database do not collide.
/// SQLite's AUTOINCREMENT follows explicit ids by itself.
public enum SequenceSync {
    public static func resync(_ db: any SQLDatabase, tables: [String]) async throws {
        guard db.dialect.name == "postgresql", !tables.isEmpty else { return }
        // One statement for every table: a copy of a whole database resyncs some sixty sequences.
        let calls: [SQLQueryString] = tables.sorted().map { table in
            "setval(pg_get_serial_sequence(\(bind: table), 'id'), COALESCE((SELECT MAX(id) FROM \(ident: table)), 0) + 1, false)"
        }
        try await db.raw("SELECT " + calls.joined(separator: ", ")).run()
    }
}
