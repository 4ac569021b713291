import FluentKit

/// Each establishment's own school year: set by its change (the `new_year` step) to the next
/// year, so that its people are in the new year as soon as its change is done while the others
/// (still changing, or held) stay in the région's. Empty, it follows the région's current year.
public struct AddEstablishmentYear: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("establishments")
            .field("current_year_id", .int64, .references("school_years", .id))
            .update()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("establishments").deleteField("current_year_id").update()
    }
}
