import BasculeDomain

// The column order of each directory table, for bulk inserts. It mirrors `CreateDirectory`.

extension ColumnValue {
    static func optional(_ text: String?) -> ColumnValue { text.map { .text($0) } ?? .null }
    static func optional(_ int: Int?) -> ColumnValue { int.map { .int(Int64($0)) } ?? .null }
    static func id(_ int: Int) -> ColumnValue { .int(Int64(int)) }
}

extension SchoolYearRow: ColumnRow {
    public static let table = "school_years"
    public static let columns = ["id", "name", "starts_on", "ends_on", "state"]
    public var columnValues: [ColumnValue] {
        [.id(id), .text(name.description), .text(startsOn.iso), .text(endsOn.iso), .text(state.rawValue)]
    }
}

extension EstablishmentRow: ColumnRow {
    public static let table = "establishments"
    public static let columns = ["id", "uai", "name", "kind", "academy", "aaf_jointure"]
    public var columnValues: [ColumnValue] {
        [.id(id), .text(uai.code), .text(name), .text(kind.rawValue), .text(academy), .optional(aafJointure)]
    }
}

extension SubjectRow: ColumnRow {
    public static let table = "subjects"
    public static let columns = ["id", "school_year_id", "code", "label"]
    public var columnValues: [ColumnValue] { [.id(id), .id(schoolYearID), .text(code), .text(label)] }
}

extension MefRow: ColumnRow {
    public static let table = "mefs"
    public static let columns = ["id", "school_year_id", "code", "label"]
    public var columnValues: [ColumnValue] { [.id(id), .id(schoolYearID), .text(code), .text(label)] }
}

extension AccountRow: ColumnRow {
    public static let table = "accounts"
    public static let columns = ["id", "jointure", "source", "is_perennial", "last_name", "first_name", "birth_date",
                                 "email", "login", "ine", "state", "is_operator"]
    public var columnValues: [ColumnValue] {
        [.id(id), .optional(jointure), .text(source.rawValue), .bool(isPerennial), .text(lastName), .text(firstName),
         .optional(birthDate?.iso), .optional(email), .text(login), .optional(ine), .text(AccountState.active.rawValue),
         .bool(isOperator)]
    }
}

extension ProfileRow: ColumnRow {
    public static let table = "profiles"
    public static let columns = ["id", "account_id", "establishment_id", "school_year_id", "kind"]
    public var columnValues: [ColumnValue] {
        [.id(id), .id(accountID), .id(establishmentID), .optional(schoolYearID), .text(kind.rawValue)]
    }
}

extension ClassRow: ColumnRow {
    public static let table = "classes"
    public static let columns = ["id", "establishment_id", "school_year_id", "code", "level", "mef_id"]
    public var columnValues: [ColumnValue] {
        [.id(id), .id(establishmentID), .id(schoolYearID), .text(code), .text(level), .optional(mefID)]
    }
}

extension GroupRow: ColumnRow {
    public static let table = "groups"
    public static let columns = ["id", "establishment_id", "school_year_id", "code", "name", "kind", "lifetime",
                                 "owner_account_id"]
    public var columnValues: [ColumnValue] {
        [.id(id), .id(establishmentID), .id(schoolYearID), .text(code), .text(name), .text(kind.rawValue),
         .optional(lifetime?.rawValue), .optional(ownerAccountID)]
    }
}

extension TeachingAssignmentRow: ColumnRow {
    public static let table = "teaching_assignments"
    public static let columns = ["id", "teacher_id", "class_id", "group_id", "subject_id"]
    public var columnValues: [ColumnValue] {
        [.id(id), .id(teacherID), .optional(classID), .optional(groupID), .id(subjectID)]
    }
}

extension HeadTeacherRow: ColumnRow {
    public static let table = "head_teachers"
    public static let columns = ["id", "class_id", "teacher_id"]
    public var columnValues: [ColumnValue] { [.id(id), .id(classID), .id(teacherID)] }
}

extension ParentLinkRow: ColumnRow {
    public static let table = "parent_links"
    public static let columns = ["id", "school_year_id", "parent_id", "student_id", "is_legal_guardian"]
    public var columnValues: [ColumnValue] {
        [.id(id), .id(schoolYearID), .id(parentID), .id(studentID), .bool(isLegalGuardian)]
    }
}

extension MembershipRow {
    /// Memberships go to `class_memberships` or `group_memberships`, whose container column differs.
    static func columns(container: String) -> [String] { ["id", container, "account_id", "starts_on", "ends_on"] }
    var columnValues: [ColumnValue] {
        [.id(id), .id(containerID), .id(accountID), .text(startsOn.iso), .optional(endsOn?.iso)]
    }
}
