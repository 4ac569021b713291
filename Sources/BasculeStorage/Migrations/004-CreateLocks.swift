import FluentKit

/// Named locks for exclusive jobs (see `DatabaseLock`).
public struct CreateLocks: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("locks")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("acquired_at", .string, .required)
            .create()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("locks").delete()
    }
}
