/// Plain values of directory rows, as bulk writers (the generator, later the AAF import) hand
/// them to storage. Ids are assigned by the producer so that rows can refer to each other
/// before anything is written.

public struct SchoolYearRow: Sendable, Equatable {
    public var id: Int
    public var name: SchoolYearName
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var state: SchoolYearState
}

public struct EstablishmentRow: Sendable, Equatable {
    public var id: Int
    public var uai: UAI
    public var name: String
    public var kind: EstablishmentKind
    public var academy: String
    public var aafJointure: String?
}

public struct SubjectRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var code: String
    public var label: String
}

public struct MefRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var code: String
    public var label: String
}

public struct AccountRow: Sendable, Equatable {
    public var id: Int
    public var jointure: String?
    public var source: AccountSource
    public var isPerennial: Bool
    public var lastName: String
    public var firstName: String
    public var birthDate: CalendarDate?
    public var email: String?
    public var login: String
    public var ine: String?
    public var isOperator: Bool
}

public struct ProfileRow: Sendable, Equatable {
    public var id: Int
    public var accountID: Int
    public var establishmentID: Int
    /// `nil` for roles that outlive the year (ENT administrator).
    public var schoolYearID: Int?
    public var kind: ProfileKind
}

public struct ClassRow: Sendable, Equatable {
    public var id: Int
    public var establishmentID: Int
    public var schoolYearID: Int
    public var code: String
    public var level: String
    public var mefID: Int?
}

public struct GroupRow: Sendable, Equatable {
    public var id: Int
    public var establishmentID: Int
    public var schoolYearID: Int
    public var code: String
    public var name: String
    public var kind: GroupKind
    /// Only manual groups have a lifetime; the others follow the feed or the timetable.
    public var lifetime: GroupLifetime?
    public var ownerAccountID: Int?
}

/// Membership of a class or of a group (the table says which).
public struct MembershipRow: Sendable, Equatable {
    public var id: Int
    public var containerID: Int
    public var accountID: Int
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate?
}

public struct TeachingAssignmentRow: Sendable, Equatable {
    public var id: Int
    public var teacherID: Int
    public var classID: Int?
    public var groupID: Int?
    public var subjectID: Int
}

public struct HeadTeacherRow: Sendable, Equatable {
    public var id: Int
    public var classID: Int
    public var teacherID: Int
}

public struct ParentLinkRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var parentID: Int
    public var studentID: Int
    public var isLegalGuardian: Bool
}

/// Everything one establishment adds to the directory.
public struct EstablishmentBatch: Sendable {
    public var establishment: EstablishmentRow
    public var accounts: [AccountRow] = []
    public var profiles: [ProfileRow] = []
    public var classes: [ClassRow] = []
    public var groups: [GroupRow] = []
    public var classMemberships: [MembershipRow] = []
    public var groupMemberships: [MembershipRow] = []
    public var teachingAssignments: [TeachingAssignmentRow] = []
    public var headTeachers: [HeadTeacherRow] = []
    public var parentLinks: [ParentLinkRow] = []

    public var rowCount: Int {
        1 + accounts.count + profiles.count + classes.count + groups.count + classMemberships.count
            + groupMemberships.count + teachingAssignments.count + headTeachers.count + parentLinks.count
    }
}
