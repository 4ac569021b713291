import FluentKit
import SQLKit

/// The directory: school years, establishments, accounts and profiles, and the year-scoped
/// classes, groups, memberships, teaching assignments and parent links.
public struct CreateDirectory: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("school_years")
            .field(.id, .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("state", .string, .required)
            .unique(on: "name")
            .create()

        try await db.schema("establishments")
            .field(.id, .int64, .identifier(auto: true))
            .field("uai", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("academy", .string, .required)
            .field("aaf_jointure", .string)
            .unique(on: "uai")
            .unique(on: "aaf_jointure")
            .create()

        for table in ["subjects", "mefs"] {
            try await db.schema(table)
                .field(.id, .int64, .identifier(auto: true))
                .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
                .field("code", .string, .required)
                .field("label", .string, .required)
                .unique(on: "school_year_id", "code")
                .create()
        }

        try await db.schema("accounts")
            .field(.id, .int64, .identifier(auto: true))
            .field("jointure", .string)
            .field("source", .string, .required)
            .field("is_perennial", .bool, .required)
            .field("last_name", .string, .required)
            .field("first_name", .string, .required)
            .field("birth_date", .string)
            .field("email", .string)
            .field("login", .string, .required)
            .field("password_hash", .string)
            .field("ine", .string)
            .field("state", .string, .required)
            .field("left_on", .string)
            .field("is_operator", .bool, .required)
            .unique(on: "jointure")
            .unique(on: "login")
            .create()

        try await db.schema("profiles")
            .field(.id, .int64, .identifier(auto: true))
            .field("account_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("school_year_id", .int64, .references("school_years", .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .create()

        try await db.schema("classes")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("level", .string, .required)
            .field("mef_id", .int64, .references("mefs", .id, onDelete: .setNull))
            .unique(on: "establishment_id", "school_year_id", "code")
            .create()

        try await db.schema("groups")
            .field(.id, .int64, .identifier(auto: true))
            .field("establishment_id", .int64, .required, .references("establishments", .id, onDelete: .cascade))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("lifetime", .string)
            .field("owner_account_id", .int64, .references("accounts", .id, onDelete: .setNull))
            .unique(on: "establishment_id", "school_year_id", "code")
            .create()

        for (table, container, parent) in [("class_memberships", "class_id", "classes"),
                                           ("group_memberships", "group_id", "groups")] {
            try await db.schema(table)
                .field(.id, .int64, .identifier(auto: true))
                .field(.string(container), .int64, .required, .references(parent, .id, onDelete: .cascade))
                .field("account_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
                .field("starts_on", .string, .required)
                .field("ends_on", .string)
                .unique(on: .string(container), "account_id")
                .create()
        }

        try await db.schema("teaching_assignments")
            .field(.id, .int64, .identifier(auto: true))
            .field("teacher_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
            .field("class_id", .int64, .references("classes", .id, onDelete: .cascade))
            .field("group_id", .int64, .references("groups", .id, onDelete: .cascade))
            .field("subject_id", .int64, .required, .references("subjects", .id, onDelete: .cascade))
            .create()

        try await db.schema("head_teachers")
            .field(.id, .int64, .identifier(auto: true))
            .field("class_id", .int64, .required, .references("classes", .id, onDelete: .cascade))
            .field("teacher_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
            .unique(on: "class_id", "teacher_id")
            .create()

        try await db.schema("parent_links")
            .field(.id, .int64, .identifier(auto: true))
            .field("school_year_id", .int64, .required, .references("school_years", .id, onDelete: .cascade))
            .field("parent_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
            .field("student_id", .int64, .required, .references("accounts", .id, onDelete: .cascade))
            .field("is_legal_guardian", .bool, .required)
            .unique(on: "school_year_id", "parent_id", "student_id")
            .create()

        try await createIndexes(on: db as! any SQLDatabase)
    }

    /// The access paths of a year change (by establishment and year) and of cascading deletes
    /// (every foreign key that a unique constraint does not already lead).
    private func createIndexes(on sql: any SQLDatabase) async throws {
        let indexes: [(table: String, columns: [String])] = [
            ("profiles", ["establishment_id", "school_year_id", "kind"]),
            ("profiles", ["account_id"]),
            ("profiles", ["school_year_id"]),
            ("classes", ["school_year_id"]),
            ("groups", ["school_year_id", "kind"]),
            ("groups", ["owner_account_id"]),
            ("class_memberships", ["account_id"]),
            ("group_memberships", ["account_id"]),
            ("teaching_assignments", ["teacher_id"]),
            ("teaching_assignments", ["class_id"]),
            ("teaching_assignments", ["group_id"]),
            ("teaching_assignments", ["subject_id"]),
            ("head_teachers", ["teacher_id"]),
            ("parent_links", ["parent_id"]),
            ("parent_links", ["student_id"]),
            ("accounts", ["state", "source"]),
            ("classes", ["mef_id"]),
        ]
        for index in indexes {
            var builder = sql.create(index: "ix_\(index.table)_\(index.columns.joined(separator: "_"))").on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    public func revert(on db: any Database) async throws {
        for table in ["parent_links", "head_teachers", "teaching_assignments", "group_memberships",
                      "class_memberships", "groups", "classes", "profiles", "accounts", "mefs", "subjects",
                      "establishments", "school_years"] {
            try await db.schema(table).delete()
        }
    }
}
