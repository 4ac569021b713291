extension ServiceSchema {
    /// School life (vie scolaire). Reasons, actions, types and roll-call settings belong to the
    /// establishment and are kept across years; sheets, absences, absence files, punishments
    /// and sanctions belong to a year. Statistics are computed from them, not stored.
    static let schoolLife: [ServiceTable] = [
        ServiceTable("absence_reasons", .schoolLife, read: .members, write: .administrators, columns: [
            .establishment, .text("code"), .text("label"), .bool("is_justified"),
        ], uniques: [["establishment_id", "code"]]),
        ServiceTable("absence_actions", .schoolLife, read: .personnel, write: .administrators, columns: [
            .establishment, .text("label"),
        ], indexes: [["establishment_id"]]),
        ServiceTable("roll_call_settings", .schoolLife, read: .personnel, write: .administrators, columns: [
            .establishment, .int("entry_deadline_minutes"), .int("late_after_minutes"), .bool("notify_parents"),
        ], uniques: [["establishment_id"]]),
        ServiceTable("roll_call_sheets", .schoolLife, read: .personnel, write: .personnel, columns: [
            .establishment, .year, .ref("class_id", "classes", required: false, onDelete: .cascade),
            .ref("group_id", "groups", required: false, onDelete: .cascade),
            .ref("teacher_id", "accounts", required: false), .text("held_on"), .text("slot"),
            .text("taken_at", required: false),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["class_id"], ["group_id"],
                     ["teacher_id"]]),
        ServiceTable("absences", .schoolLife, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .ref("sheet_id", "roll_call_sheets", required: false),
            .ref("reason_id", "absence_reasons", required: false), .text("starts_at"), .text("ends_at"),
            .bool("is_justified"), .choice("kind", AbsenceKind.allCases.map(\.rawValue), default: AbsenceKind.absence.rawValue),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["student_id"], ["sheet_id"],
                     ["reason_id"]]),
        ServiceTable("absence_files", .schoolLife, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .text("opened_on"), .choice("status", ["open", "closed"]),
            .text("summary"),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["student_id"]]),
        ServiceTable("punishment_reasons", .schoolLife, read: .personnel, write: .administrators, columns: [
            .establishment, .text("label"),
        ], indexes: [["establishment_id"]]),
        ServiceTable("punishment_types", .schoolLife, read: .personnel, write: .administrators, columns: [
            .establishment, .text("label"),
        ], indexes: [["establishment_id"]]),
        ServiceTable("sanction_reasons", .schoolLife, read: .personnel, write: .administrators, columns: [
            .establishment, .text("label"),
        ], indexes: [["establishment_id"]]),
        ServiceTable("punishments", .schoolLife, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .ref("type_id", "punishment_types", required: false),
            .ref("reason_id", "punishment_reasons", required: false), .ref("given_by", "accounts", required: false),
            .text("given_on"), .text("notes"),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["student_id"], ["type_id"],
                     ["reason_id"], ["given_by"]]),
        ServiceTable("sanctions", .schoolLife, read: .student("student_id"), write: .administrators, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .choice("kind", SanctionKind.allCases.map(\.rawValue)),
            .ref("reason_id", "sanction_reasons", required: false), .text("decided_on"), .text("decision"),
            .ref("decided_by", "accounts", required: false),
        ], indexes: [["establishment_id", "school_year_id"], ["school_year_id"], ["student_id"], ["reason_id"],
                     ["decided_by"]]),
    ]
}

/// What a roll call notes of a student who is not simply present.
public enum AbsenceKind: String, Sendable, CaseIterable {
    case absence
    /// Arrived after the course began (« retard »).
    case late

    public var label: String {
        switch self {
        case .absence: "Absent"
        case .late: "En retard"
        }
    }
}

/// The sanctions of the Code de l'éducation (art. R511-13).
public enum SanctionKind: String, Sendable, CaseIterable {
    case warning = "avertissement", reprimand = "blame", responsibility = "mesure_de_responsabilisation"
    case classExclusion = "exclusion_temporaire_classe", temporaryExclusion = "exclusion_temporaire"
    case permanentExclusion = "exclusion_definitive"
}

extension SanctionKind {
    /// As article R511-13 names them.
    public var label: String {
        switch self {
        case .warning: "Avertissement"
        case .reprimand: "Blâme"
        case .responsibility: "Mesure de responsabilisation"
        case .classExclusion: "Exclusion temporaire de la classe"
        case .temporaryExclusion: "Exclusion temporaire de l'établissement"
        case .permanentExclusion: "Exclusion définitive de l'établissement"
        }
    }
}
