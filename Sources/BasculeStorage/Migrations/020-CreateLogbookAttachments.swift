import FluentKit

/// The documents a teacher attaches to a logbook session (`logbook_attachments`), as
/// `ServiceSchema` described them when the table was added (frozen).
public struct CreateLogbookAttachments: AsyncMigration {
    public init() {}

    static let tables = [
        FrozenTable("logbook_attachments", [
            .reference("session_id", to: "logbook_sessions", onDelete: .cascade),
            .reference("file_id", to: "files", onDelete: .restrict),
            .column("name", .text),
            .column("added_on", .text),
        ], indexes: [["session_id"], ["file_id"]]),
    ]

    public func prepare(on db: any Database) async throws {
        try await FrozenTable.create(Self.tables, on: db)
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("logbook_attachments").delete()
    }
}
