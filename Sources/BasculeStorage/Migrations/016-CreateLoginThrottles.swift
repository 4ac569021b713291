import FluentKit

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
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("login_throttles").delete()
    }
}
