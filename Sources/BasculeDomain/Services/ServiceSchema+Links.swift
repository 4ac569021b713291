extension ServiceSchema {
    /// Carnet de liaison: conversations between a student's parents and the school staff.
    static let liaisonBook: [ServiceTable] = [
        ServiceTable("liaison_conversations", .liaisonBook, read: .student("student_id"),
                     write: .author("started_by"), columns: [
            .establishment, .year, .ref("student_id", "accounts"), .ref("started_by", "accounts", required: false),
            .text("subject"), .text("started_at"),
        ], indexes: studentYearIndexes + [["started_by"]]),
        ServiceTable("liaison_messages", .liaisonBook,
                     scope: .parent(column: "conversation_id", table: "liaison_conversations"),
                     read: .members, write: .author("author_id"), columns: [
            .ref("conversation_id", "liaison_conversations"), .ref("author_id", "accounts", required: false),
            .text("sent_at"), .text("body"),
        ], indexes: [["conversation_id"], ["author_id"]]),
    ]

    /// Moodle: each teacher's course category. Whether the teacher is still fed by the directory
    /// is read from the directory, not stored; the year change hides and bins the category.
    static let moodle: [ServiceTable] = [
        ServiceTable("moodle_categories", .moodle, read: .personnel, write: .administrators, columns: [
            .establishment, .ref("teacher_id", "accounts", required: false), .text("name"), .bool("is_hidden"),
            .bool("in_recycle_bin"),
        ], indexes: [["establishment_id"], ["teacher_id"]]),
        ServiceTable("moodle_courses", .moodle, scope: .parent(column: "category_id", table: "moodle_categories"),
                     read: .personnel, write: .personnel, columns: [
            .ref("category_id", "moodle_categories"), .text("full_name"), .text("short_name"),
        ], indexes: [["category_id"]]),
    ]

    /// Médiacentre (GAR): the establishment's resources, their assignments for a year, and the
    /// assignment referents who make them.
    static let mediacentre: [ServiceTable] = [
        ServiceTable("gar_resources", .mediacentre, read: .members, write: .administrators, columns: [
            .establishment, .text("ark"), .text("title"), .text("publisher"), .int("licence_count", required: false),
        ], uniques: [["establishment_id", "ark"]]),
        ServiceTable("gar_referents", .mediacentre, read: .personnel, write: .administrators, columns: [
            .establishment, .ref("account_id", "accounts"),
        ], uniques: [["establishment_id", "account_id"]], indexes: [["account_id"]]),
        ServiceTable("gar_assignments", .mediacentre, scope: .parent(column: "resource_id", table: "gar_resources"),
                     read: .personnel, write: .administrators, columns: [
            .ref("resource_id", "gar_resources"), .year,
            .ref("class_id", "classes", required: false, onDelete: .cascade),
            .ref("group_id", "groups", required: false, onDelete: .cascade), .text("level", required: false),
            .ref("teacher_id", "accounts", required: false, onDelete: .cascade),
        ], indexes: [["resource_id"], ["school_year_id"], ["class_id"], ["group_id"], ["teacher_id"]]),
    ]
}
