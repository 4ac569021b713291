import BasculeDomain

/// Every table of Bascule's logical content, with the type of each column, for
/// `bascule db checksum`. A test checks it against the live schema, so that a new table or
/// column cannot be forgotten. Sessions, Fluent's migration log, the import history (a log)
/// the import's staging area (empty between imports), the job locks and the failed-login counts
/// are not logical content.
/// Every table's first column is its integer `id`: the checksum pages through it.
public enum DigestedTables {
    public typealias Kind = ColumnKind

    public struct Table: Sendable {
        public let name: String
        public let columns: [(name: String, kind: Kind)]

        public init(name: String, columns: [(name: String, kind: Kind)]) {
            self.name = name
            self.columns = columns
        }
    }

    public static let excluded: Set<String> = ["_fluent_migrations", "_fluent_sessions", "import_runs",
                                               "feed_staged_records", "feed_staged_links", "locks", "login_throttles", "sessions",
                                               "year_change_runs", "year_change_steps", "year_change_undo",
                                               "checklist_events", "year_change_launches",
                                               "year_change_created_years", "timetable_imports"]

    public static let all: [Table] = directory + ServiceSchema.all.map {
        Table(name: $0.name, columns: $0.columns.map { ($0.name, $0.kind) })
    }

    static let directory: [Table] = [
        Table(name: "school_years", columns: [("id", .int), ("name", .text), ("starts_on", .text), ("ends_on", .text),
                                              ("state", .text)]),
        Table(name: "establishments", columns: [("id", .int), ("uai", .text), ("name", .text), ("kind", .text),
                                                ("academy", .text), ("aaf_jointure", .text), ("current_year_id", .int)]),
        Table(name: "subjects", columns: [("id", .int), ("school_year_id", .int), ("code", .text), ("label", .text)]),
        Table(name: "mefs", columns: [("id", .int), ("school_year_id", .int), ("code", .text), ("label", .text)]),
        Table(name: "accounts", columns: [("id", .int), ("jointure", .text), ("source", .text), ("is_perennial", .bool),
                                          ("last_name", .text), ("first_name", .text), ("birth_date", .text),
                                          ("email", .text), ("login", .text), ("password_hash", .text), ("ine", .text),
                                          ("state", .text), ("left_on", .text), ("is_operator", .bool),
                                          ("must_change_password", .bool)]),
        Table(name: "profiles", columns: [("id", .int), ("account_id", .int), ("establishment_id", .int),
                                          ("school_year_id", .int), ("kind", .text)]),
        Table(name: "classes", columns: [("id", .int), ("establishment_id", .int), ("school_year_id", .int),
                                         ("code", .text), ("level", .text), ("mef_id", .int)]),
        Table(name: "groups", columns: [("id", .int), ("establishment_id", .int), ("school_year_id", .int),
                                        ("code", .text), ("name", .text), ("kind", .text), ("lifetime", .text),
                                        ("owner_account_id", .int)]),
        Table(name: "class_memberships", columns: [("id", .int), ("class_id", .int), ("account_id", .int),
                                                   ("starts_on", .text), ("ends_on", .text)]),
        Table(name: "group_memberships", columns: [("id", .int), ("group_id", .int), ("account_id", .int),
                                                   ("starts_on", .text), ("ends_on", .text)]),
        Table(name: "teaching_assignments", columns: [("id", .int), ("teacher_id", .int), ("class_id", .int),
                                                      ("group_id", .int), ("subject_id", .int)]),
        Table(name: "head_teachers", columns: [("id", .int), ("class_id", .int), ("teacher_id", .int)]),
        Table(name: "parent_links", columns: [("id", .int), ("school_year_id", .int), ("parent_id", .int),
                                              ("student_id", .int), ("is_legal_guardian", .bool)]),
        Table(name: "closure_phases", columns: [("id", .int), ("label", .text), ("starts_at", .text), ("ends_at", .text),
                                                ("access", .text), ("lift_from", .text), ("extend_until", .text)]),
        Table(name: "access_blocks", columns: [("id", .int), ("establishment_id", .int), ("phase_id", .int), ("ends_at", .text)]),
    ]
}
