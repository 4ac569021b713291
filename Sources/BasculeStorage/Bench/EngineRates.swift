import BasculeDomain
import FluentKit
import SQLKit

/// What `bascule bench year-change` measures besides the engine: the rows of a table, and the
/// database's raw rate for a set-based update and delete.
public struct EngineRates: Sendable {
    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    /// The rows of one of Bascule's tables (a name the bench gives, never a client).
    public func rows(of table: String) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// A set-based UPDATE and DELETE of 500 000 rows of a scratch table with an index.
    public func raw() async throws -> (update: Double, delete: Double) {
        let sql = db.sql
        try await sql.raw("DROP TABLE IF EXISTS bench_scratch").run()
        try await sql.raw("CREATE TABLE bench_scratch (id BIGINT PRIMARY KEY, year_id BIGINT NOT NULL, flag BOOLEAN NOT NULL)").run()
        try await sql.raw("CREATE INDEX ix_bench_scratch_year ON bench_scratch (year_id)").run()
        let rows = (1...500_000).map { [ColumnValue.int(Int64($0)), .int(1), .bool(false)] }
        try await BulkInserter(sql).insert(into: "bench_scratch", columns: ["id", "year_id", "flag"], rows: rows)
        var started = ContinuousClock.now
        try await sql.raw("UPDATE bench_scratch SET flag = \(bind: true) WHERE year_id = 1").run()
        let update = Double(rows.count) / (ContinuousClock.now - started).seconds
        started = ContinuousClock.now
        try await sql.raw("DELETE FROM bench_scratch WHERE year_id = 1").run()
        let delete = Double(rows.count) / (ContinuousClock.now - started).seconds
        try await sql.raw("DROP TABLE bench_scratch").run()
        return (update, delete)
    }
}
