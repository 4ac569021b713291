import FluentKit

/// The operator's launches from the console (a run or an undo, for some establishments), so
/// that every instance behind the load balancer shows what is going on and how it ended. The
/// steps themselves are in the run journal. A log, outside the checksum.
public struct CreateYearChangeLaunches: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("year_change_launches")
            .field(.id, .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("establishments", .string, .required)
            .field("started_by", .int64, .references("accounts", .id, onDelete: .setNull))
            .field("started_at", .string, .required)
            .field("finished_at", .string)
            .field("outcome", .string)
            .field("error", .string)
            .create()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("year_change_launches").delete()
    }
}
