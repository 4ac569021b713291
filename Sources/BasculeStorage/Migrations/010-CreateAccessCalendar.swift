import FluentKit
import SQLKit

/// The operator's closure phases and each establishment's end of the summer block.
public struct CreateAccessCalendar: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("closure_phases")
            .field(.id, .int64, .identifier(auto: true))
            .field("label", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("access", .string, .required)
            .field("lift_from", .string)
            .field("extend_until", .string)
            .create()
        try await db.schema("access_blocks")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("phase_id", .int64, .required, .references("closure_phases", .id, onDelete: .cascade))
            .field("ends_at", .string, .required)
            .unique(on: "establishment_id", "phase_id")
            .create()
        try await (db as! any SQLDatabase).create(index: "ix_access_blocks_phase_id").on("access_blocks").column("phase_id").run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("access_blocks").delete()
        try await db.schema("closure_phases").delete()
    }
}
