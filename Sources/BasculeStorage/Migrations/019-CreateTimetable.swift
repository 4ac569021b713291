import BasculeDomain
import FluentKit
import SQLKit

/// The timetable: its tables as `ServiceSchema.timetable` described them when this migration
/// shipped (frozen below), and the history of its imports (a log, outside the checksum).
public struct CreateTimetable: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await FrozenTable.create(Self.tables, on: db)
        try await db.schema("timetable_imports")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("started_by", .int64, .references("accounts", .id, onDelete: .setNull))
            .field("started_at", .string, .required)
            .field("file_name", .string, .required)
            .field("software", .string)
            .field("is_dry_run", .bool, .required)
            .field("outcome", .string, .required)
            .field("report", .string, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "ix_timetable_imports_establishment_id")
            .on("timetable_imports").column("establishment_id").column("school_year_id").run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("timetable_imports").delete()
        for table in Self.tables.reversed() {
            try await db.schema(table.name).delete()
        }
    }

    // Frozen: never edit; a later change of the timetable's schema is a new migration.
    static let tables: [FrozenTable] = [
        FrozenTable("timetable_settings", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("mode", .text),
            .column("keep_memberships_until", .text, required: false),
        ], uniques: [["establishment_id", "school_year_id"]], indexes: [["school_year_id"]]),
        FrozenTable("timetable_calendars", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("starts_on", .text),
            .column("ends_on", .text),
            .column("first_week_monday", .text),
            .column("software", .text),
            .column("product", .text, required: false),
            .column("format_version", .text, required: false),
        ], uniques: [["establishment_id", "school_year_id"]], indexes: [["school_year_id"]]),
        FrozenTable("timetable_holidays", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("starts_on", .text),
            .column("ends_on", .text),
            .column("label", .text),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"]]),
        FrozenTable("timetable_slots", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("number", .int),
            .column("starts_at", .text),
            .column("ends_at", .text),
        ], uniques: [["establishment_id", "school_year_id", "number"]], indexes: [["school_year_id"]]),
        FrozenTable("timetable_subjects", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("code", .text),
            .column("label", .text),
            .reference("subject_id", to: "subjects", onDelete: .setNull, required: false),
        ], uniques: [["establishment_id", "school_year_id", "code"]], indexes: [["school_year_id"], ["subject_id"]]),
        FrozenTable("timetable_rooms", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("name", .text),
        ], uniques: [["establishment_id", "school_year_id", "name"]], indexes: [["school_year_id"]]),
        FrozenTable("timetable_courses", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("school_year_id", to: "school_years", onDelete: .cascade),
            .column("day", .int),
            .column("starts_at", .text),
            .column("ends_at", .text),
            .reference("timetable_subject_id", to: "timetable_subjects", onDelete: .setNull, required: false),
            .reference("subject_id", to: "subjects", onDelete: .setNull, required: false),
            .column("weeks", .int),
            .column("signature", .text),
        ], uniques: [["establishment_id", "school_year_id", "signature"]],
           indexes: [["school_year_id"], ["timetable_subject_id"], ["subject_id"]]),
        FrozenTable("timetable_course_teachers", [
            .reference("course_id", to: "timetable_courses", onDelete: .cascade),
            .reference("teacher_id", to: "accounts", onDelete: .cascade),
        ], indexes: [["course_id"], ["teacher_id"]]),
        FrozenTable("timetable_course_audiences", [
            .reference("course_id", to: "timetable_courses", onDelete: .cascade),
            .reference("class_id", to: "classes", onDelete: .cascade, required: false),
            .reference("group_id", to: "groups", onDelete: .cascade, required: false),
        ], indexes: [["course_id"], ["class_id"], ["group_id"]]),
        FrozenTable("timetable_course_rooms", [
            .reference("course_id", to: "timetable_courses", onDelete: .cascade),
            .reference("room_id", to: "timetable_rooms", onDelete: .cascade),
        ], indexes: [["course_id"], ["room_id"]]),
        FrozenTable("timetable_mappings", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .column("kind", .text),
            .column("source", .text),
            .column("target", .text, required: false),
        ], uniques: [["establishment_id", "kind", "source"]]),
        FrozenTable("timetable_person_ids", [
            .reference("establishment_id", to: "establishments", onDelete: .cascade),
            .reference("account_id", to: "accounts", onDelete: .cascade),
            .column("kind", .text),
            .column("value", .text),
        ], uniques: [["establishment_id", "kind", "value"]], indexes: [["account_id"]]),
    ]
}
