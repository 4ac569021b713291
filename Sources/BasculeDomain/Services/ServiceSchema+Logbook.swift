extension ServiceSchema {
    /// The class logbook (cahier de textes): per class or group and subject. Read-only once
    /// its year is archived. A session filled from the timetable (`LogbookStore`) has the
    /// occurrence's times as its `slot`, "HH:MM-HH:MM": with `held_on`, the class or group and
    /// the subject, what finds the session of an occurrence again.
    static let logbook: [ServiceTable] = [
        ServiceTable("logbook_sessions", .logbook, read: .classAudience, write: .personnel,
                     columns: taught + [.text("held_on"), .text("slot"), .text("content")],
                     // A year's sessions, latest first, a page at a time: no sort of the whole year.
                     indexes: yearIndexes + [["establishment_id", "school_year_id", "held_on", "slot"]]),
        ServiceTable("homework", .logbook, read: .classAudience, write: .personnel,
                     columns: taught + [.ref("session_id", "logbook_sessions", required: false),
                                        .text("given_on"), .text("due_on"), .text("content")],
                     indexes: yearIndexes + [["session_id"]]),
        // Documents attached to a session by its teacher, read by whoever reads the session.
        ServiceTable("logbook_attachments", .logbook, scope: .parent(column: "session_id", table: "logbook_sessions"),
                     read: .members, write: .personnel, columns: [
            .ref("session_id", "logbook_sessions", onDelete: .cascade), .file, .text("name"), .text("added_on"),
        ], indexes: [["session_id"], ["file_id"]]),
    ]

    /// The columns of what is taught to a class or a group.
    static let taught: [ColumnSpec] = [
        .establishment, .year, .ref("class_id", "classes", required: false, onDelete: .cascade),
        .ref("group_id", "groups", required: false, onDelete: .cascade),
        .ref("subject_id", "subjects", required: false), .ref("teacher_id", "accounts", required: false),
    ]

    static let yearIndexes: [[String]] = [["establishment_id", "school_year_id"], ["school_year_id"],
                                          ["class_id"], ["group_id"], ["subject_id"], ["teacher_id"]]
}
