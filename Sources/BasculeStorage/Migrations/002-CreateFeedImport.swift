import FluentKit
import SQLKit

/// The AAF import's history and its staging area.
///
/// An import first stages every record of the export (parsing and validating as it goes), then
/// merges the staging into the directory with set-based SQL in one transaction, then empties
/// the staging. A refused export never reaches the directory.
public struct CreateFeedImport: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("import_runs")
            .field(.id, .int64, .identifier(auto: true))
            .field("school_year_id", .int64, .references("school_years", .id, onDelete: .setNull))
            .field("source", .string, .required)
            .field("is_full", .bool, .required)
            .field("export_date", .string)
            .field("started_at", .string, .required)
            .field("finished_at", .string)
            .field("state", .string, .required)
            .field("report", .string)
            .create()

        try await db.schema("feed_staged_records")
            .field("run_id", .int64, .required)
            .field("operation", .string, .required)
            .field("kind", .string, .required)
            .field("jointure", .string, .required)
            .field("uai", .string)
            .field("name", .string)
            .field("establishment_kind", .string)
            .field("academy", .string)
            .field("label", .string)
            .field("last_name", .string)
            .field("first_name", .string)
            .field("birth_date", .string)
            .field("email", .string)
            .field("ine", .string)
            .field("is_teacher", .bool)
            .field("file", .string, .required)
            .field("line", .int64, .required)
            .create()

        try await db.schema("feed_staged_links")
            .field("run_id", .int64, .required)
            .field("person", .string, .required)
            .field("kind", .string, .required)
            .field("establishment", .string, .required)
            .field("code", .string, .required)
            .field("subject", .string)
            .field("flag", .bool, .required)
            .create()

        let sql = db as! any SQLDatabase
        // The import drops and rebuilds these around each staging from `FeedSQL.stagingIndexes`;
        // the schema-drift test keeps that list and these equal.
        for (name, table, columns) in [
            ("ix_feed_staged_records_run", "feed_staged_records", ["run_id", "kind", "jointure"]),
            ("ix_feed_staged_links_run", "feed_staged_links", ["run_id", "kind", "person"]),
            ("ix_feed_staged_links_code", "feed_staged_links", ["run_id", "kind", "code"]),
            ("ix_feed_staged_links_container", "feed_staged_links", ["run_id", "kind", "establishment", "code"]),
        ] {
            let index = sql.create(index: name).on(table)
            for column in columns { index.column(column) }
            try await index.run()
        }
        try await sql.create(index: "ix_accounts_jointure_state").on("accounts")
            .column("source").column("state").column("left_on").run()
    }

    public func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).drop(index: "ix_accounts_jointure_state").run()
        for table in ["feed_staged_links", "feed_staged_records", "import_runs"] {
            try await db.schema(table).delete()
        }
    }
}
