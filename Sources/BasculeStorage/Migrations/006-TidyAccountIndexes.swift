import FluentKit
import SQLKit

/// Accounts need one lifecycle index, led by source (the feed's departures and grace periods,
/// later the manual accounts of the year change): the (state, source) index served no query,
/// and cost every insert; the other one was misnamed.
public struct TidyAccountIndexes: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.drop(index: "ix_accounts_state_source").run()
        try await sql.drop(index: "ix_accounts_jointure_state").run()
        try await sql.create(index: "ix_accounts_source_state_left_on").on("accounts")
            .column("source").column("state").column("left_on").run()
    }

    public func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.drop(index: "ix_accounts_source_state_left_on").run()
        try await sql.create(index: "ix_accounts_jointure_state").on("accounts")
            .column("source").column("state").column("left_on").run()
        try await sql.create(index: "ix_accounts_state_source").on("accounts").column("state").column("source").run()
    }
}
