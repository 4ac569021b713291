import FluentKit
import SQLKit

/// A roll call notes lateness as well as absence: each row of `absences` says which. The rows
/// written before were absences.
public struct AddAbsenceKind: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("absences")
            .field("kind", .string, .required, .custom(SQLColumnConstraintAlgorithm.default("absence")))
            .update()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("absences").deleteField("kind").update()
    }
}
