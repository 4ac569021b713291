import FluentKit
import SQLKit

/// A profile is unique per (account, establishment, year, kind). As an index it also serves
/// the import's "is this profile already there" probe: without it SQLite scanned the year's
/// profiles for each one (four seconds for an académie re-import).
public struct IndexProfilesByKey: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.create(index: "uq_profiles_key").unique().on("profiles")
            .column("account_id").column("establishment_id").column("school_year_id").column("kind").run()
        // Led by account_id, the new index makes this one redundant.
        try await sql.drop(index: "ix_profiles_account_id").run()
    }

    public func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_profiles_account_id").on("profiles").column("account_id").run()
        try await sql.drop(index: "uq_profiles_key").run()
    }
}
