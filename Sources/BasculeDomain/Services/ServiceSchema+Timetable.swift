extension ServiceSchema {
    /// The timetable (emploi du temps) of an establishment and year, as the last import left it.
    /// Only the timetable import writes it (`.dedicated`); every member reads it, the way a
    /// timetable is pinned up in the hall. A course is weekly: `weeks` holds the school weeks it
    /// runs (bit i = week i of `timetable_calendars.first_week_monday`), so an occurrence is a
    /// course and a week, and the weeks already past are never rewritten by a later import.
    static let timetable: [ServiceTable] = [
        ServiceTable("timetable_settings", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .choice("mode", TimetableMode.allCases.map(\.rawValue)),
            .text("keep_memberships_until", required: false),
        ], uniques: [["establishment_id", "school_year_id"]], indexes: [["school_year_id"]]),
        ServiceTable("timetable_calendars", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .text("starts_on"), .text("ends_on"), .text("first_week_monday"),
            .choice("software", TimetableSoftware.allCases.map(\.rawValue)), .text("product", required: false),
            .text("format_version", required: false),
        ], uniques: [["establishment_id", "school_year_id"]], indexes: [["school_year_id"]]),
        ServiceTable("timetable_holidays", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .text("starts_on"), .text("ends_on"), .text("label"),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"]]),
        ServiceTable("timetable_slots", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .int("number"), .text("starts_at"), .text("ends_at"),
        ], uniques: [["establishment_id", "school_year_id", "number"]], indexes: [["school_year_id"]]),
        ServiceTable("timetable_subjects", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .text("code"), .text("label"), .ref("subject_id", "subjects", required: false),
        ], uniques: [["establishment_id", "school_year_id", "code"]], indexes: [["school_year_id"], ["subject_id"]]),
        ServiceTable("timetable_rooms", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .text("name"),
        ], uniques: [["establishment_id", "school_year_id", "name"]], indexes: [["school_year_id"]]),
        ServiceTable("timetable_courses", .timetable, read: .members, write: .dedicated, columns: [
            .establishment, .year, .int("day"), .text("starts_at"), .text("ends_at"),
            .ref("timetable_subject_id", "timetable_subjects", required: false),
            .ref("subject_id", "subjects", required: false), .int("weeks"), .text("signature"),
        ], uniques: [["establishment_id", "school_year_id", "signature"]],
           indexes: [["school_year_id"], ["timetable_subject_id"], ["subject_id"]]),
        ServiceTable("timetable_course_teachers", .timetable,
                     scope: .parent(column: "course_id", table: "timetable_courses"), read: .members, write: .dedicated,
                     columns: [.ref("course_id", "timetable_courses"), .ref("teacher_id", "accounts", onDelete: .cascade)],
                     indexes: [["course_id"], ["teacher_id"]]),
        ServiceTable("timetable_course_audiences", .timetable,
                     scope: .parent(column: "course_id", table: "timetable_courses"), read: .members, write: .dedicated,
                     columns: [.ref("course_id", "timetable_courses"),
                               .ref("class_id", "classes", required: false, onDelete: .cascade),
                               .ref("group_id", "groups", required: false, onDelete: .cascade)],
                     indexes: [["course_id"], ["class_id"], ["group_id"]]),
        ServiceTable("timetable_course_rooms", .timetable,
                     scope: .parent(column: "course_id", table: "timetable_courses"), read: .members, write: .dedicated,
                     columns: [.ref("course_id", "timetable_courses"), .ref("room_id", "timetable_rooms", onDelete: .cascade)],
                     indexes: [["course_id"], ["room_id"]]),
        // Not year-bound: what the administrator decided for a name the file spells otherwise, and
        // the software's ids of people once matched, serve every later import.
        ServiceTable("timetable_mappings", .timetable, read: .administrators, write: .dedicated, columns: [
            .establishment, .choice("kind", TimetableMappingKind.allCases.map(\.rawValue)), .text("source"),
            .text("target", required: false),
        ], uniques: [["establishment_id", "kind", "source"]]),
        ServiceTable("timetable_person_ids", .timetable, read: .administrators, write: .dedicated, columns: [
            .establishment, .ref("account_id", "accounts", onDelete: .cascade),
            .choice("kind", TimetablePersonID.Kind.allCases.map(\.rawValue)), .text("value"),
        ], uniques: [["establishment_id", "kind", "value"]], indexes: [["account_id"]]),
    ]
}

/// What a mapping of the timetable's administrator maps: a name of the file to a directory entry,
/// or to nothing (ignored).
public enum TimetableMappingKind: String, Sendable, Codable, CaseIterable {
    case teacher, student, schoolClass = "class", group, subject

    public var label: String {
        switch self {
        case .teacher: "Enseignant"
        case .student: "Élève"
        case .schoolClass: "Classe"
        case .group: "Groupe"
        case .subject: "Matière"
        }
    }
}
