import FluentKit
import SQLKit

/// What an establishment did about its checklist: an export (with the fingerprint of the rows
/// it held, so that the item is done only while those rows are unchanged) or a notification by
/// mail (the message, whose deliveries say who was told). A log, outside the checksum.
public struct CreateChecklistEvents: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("checklist_events")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("item", .string, .required)
            .field("made_at", .string, .required)
            .field("made_by", .int64, .references("accounts", .id, onDelete: .setNull))
            .field("fingerprint", .string)
            .field("message_id", .int64, .references("mail_messages", .id, onDelete: .setNull))
            .create()
        try await (db as! any SQLDatabase).create(index: "ix_checklist_events_establishment")
            .on("checklist_events").column("establishment_id").column("school_year_id").column("item").run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("checklist_events").delete()
    }
}
