import FluentKit

/// The school years a year change created (no import had made next year yet), so that undoing
/// the last change that uses one removes it too: an undo leaves the database as it was. A log,
/// outside the checksum.
public struct CreateYearChangeCreatedYears: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("year_change_created_years")
            .field(.id, .int64, .identifier(auto: true))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .unique(on: "school_year_id")
            .create()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("year_change_created_years").delete()
    }
}
