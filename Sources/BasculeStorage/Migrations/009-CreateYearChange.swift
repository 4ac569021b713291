import FluentKit
import SQLKit

/// The year change's journal (runs and their steps) and its undo log. Both are logs, outside
/// the checksum: after an undo the logical content is what it was before the change.
public struct CreateYearChange: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("year_change_runs")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("from_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("to_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("state", .string, .required)
            .field("as_of", .string, .required)
            .field("started_at", .string, .required)
            .field("finished_at", .string)
            .field("hold_reason", .string)
            .create()
        try await db.schema("year_change_steps")
            .field(.id, .int64, .identifier(auto: true))
            .field("run_id", .int64, .required, .references("year_change_runs", .id, onDelete: .cascade))
            .field("step", .string, .required)
            .field("rows", .int64, .required)
            .field("started_at", .string, .required)
            .field("finished_at", .string, .required)
            .field("milliseconds", .int64, .required)
            .unique(on: "run_id", "step")
            .create()
        // One line per changed value (`column_name`, old value), inserted row (`column_name`
        // NULL) or removed row (`column_name` '*', the row as JSON in `old_text`).
        try await db.schema("year_change_undo")
            .field(.id, .int64, .identifier(auto: true))
            .field("run_id", .int64, .required, .references("year_change_runs", .id, onDelete: .cascade))
            .field("step", .string, .required)
            .field("table_name", .string, .required)
            .field("row_id", .int64, .required)
            .field("column_name", .string)
            .field("old_int", .int64)
            .field("old_text", .string)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_year_change_runs_establishment").on("year_change_runs")
            .column("establishment_id").column("from_year_id").run()
        try await sql.create(index: "ix_year_change_undo_run").on("year_change_undo")
            .column("run_id").column("table_name").column("column_name").column("row_id").run()
    }

    public func revert(on db: any Database) async throws {
        for table in ["year_change_undo", "year_change_steps", "year_change_runs"] {
            try await db.schema(table).delete()
        }
    }
}
