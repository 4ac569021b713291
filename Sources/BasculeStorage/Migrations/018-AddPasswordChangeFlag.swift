import FluentKit
import SQLKit

/// Whether the account's password was given by someone else (an administrator's reset): the
/// person must choose their own before anything else.
public struct AddPasswordChangeFlag: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("accounts").field("must_change_password", .bool, .required, .custom(SQLColumnConstraintAlgorithm.default(false))).update()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("accounts").deleteField("must_change_password").update()
    }
}
