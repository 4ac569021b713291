import FluentKit

/// Delta exports: which attributes a staged `modifyRequest` replaces.
public struct AddStagedReplaces: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("feed_staged_records").field("replaces", .string).update()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("feed_staged_records").deleteField("replaces").update()
    }
}
