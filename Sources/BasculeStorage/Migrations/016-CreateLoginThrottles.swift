import FluentKit
import SQLKit

/// Failed logins per account (by login, so that an unknown login waits like a known one) and per
/// client address: what `LoginThrottlePolicy` counts, in the database so that every instance
/// sees the same count. Instants are seconds since 1970: the waits are arithmetic on them.
public struct CreateLoginThrottles: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("login_throttles")
            .field(.id, .int64, .identifier(auto: true))
            .field("scope", .string, .required) // LoginThrottlePolicy.Scope: account | address
            .field("subject", .string, .required)
            .field("account_id", .int64, .references("accounts", .id, onDelete: .cascade))
            .field("failures", .int64, .required)
            .field("last_failure_at", .int64, .required)
            .unique(on: "scope", "subject")
            .create()
        // Rows past their policy's memory are deleted as failures come (`recordFailure`).
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_login_throttles_last_failure_at").on("login_throttles").column("last_failure_at").run()
        try await sql.create(index: "ix_login_throttles_account").on("login_throttles").column("account_id").run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("login_throttles").delete()
    }
}
