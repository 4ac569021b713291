/// Plain values of directory rows, as bulk writers (the generator, later the AAF import) hand
/// them to storage. Ids are assigned by the producer so that rows can refer to each other
/// before anything is written.

public struct SchoolYearRow: Sendable, Equatable {
    public var id: Int
    public var name: SchoolYearName
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var state: SchoolYearState

    public init(id: Int, name: SchoolYearName, startsOn: CalendarDate, endsOn: CalendarDate, state: SchoolYearState) {
        self.id = id
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.state = state
    }
}

public struct EstablishmentRow: Sendable, Equatable {
    public var id: Int
    public var uai: UAI
    public var name: String
    public var kind: EstablishmentKind
    public var academy: String
    public var aafJointure: String?

    public init(id: Int, uai: UAI, name: String, kind: EstablishmentKind, academy: String, aafJointure: String? = nil) {
        self.id = id
        self.uai = uai
        self.name = name
        self.kind = kind
        self.academy = academy
        self.aafJointure = aafJointure
    }
}

public struct SubjectRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var code: String
    public var label: String

    public init(id: Int, schoolYearID: Int, code: String, label: String) {
        self.id = id
        self.schoolYearID = schoolYearID
        self.code = code
        self.label = label
    }
}

public struct MefRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var code: String
    public var label: String

    public init(id: Int, schoolYearID: Int, code: String, label: String) {
        self.id = id
        self.schoolYearID = schoolYearID
        self.code = code
        self.label = label
    }
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

    public init(id: Int, jointure: String? = nil, source: AccountSource, isPerennial: Bool, lastName: String,
                firstName: String, birthDate: CalendarDate? = nil, email: String? = nil, login: String,
                ine: String? = nil, isOperator: Bool) {
        self.id = id
        self.jointure = jointure
        self.source = source
        self.isPerennial = isPerennial
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.email = email
        self.login = login
        self.ine = ine
        self.isOperator = isOperator
    }
}

public struct ProfileRow: Sendable, Equatable {
    public var id: Int
    public var accountID: Int
    public var establishmentID: Int
    /// `nil` for roles that outlive the year (ENT administrator).
    public var schoolYearID: Int?
    public var kind: ProfileKind

    public init(id: Int, accountID: Int, establishmentID: Int, schoolYearID: Int? = nil, kind: ProfileKind) {
        self.id = id
        self.accountID = accountID
        self.establishmentID = establishmentID
        self.schoolYearID = schoolYearID
        self.kind = kind
    }
}

public struct ClassRow: Sendable, Equatable {
    public var id: Int
    public var establishmentID: Int
    public var schoolYearID: Int
    public var code: String
    public var level: String
    public var mefID: Int?

    public init(id: Int, establishmentID: Int, schoolYearID: Int, code: String, level: String, mefID: Int? = nil) {
        self.id = id
        self.establishmentID = establishmentID
        self.schoolYearID = schoolYearID
        self.code = code
        self.level = level
        self.mefID = mefID
    }
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

    public init(id: Int, establishmentID: Int, schoolYearID: Int, code: String, name: String, kind: GroupKind,
                lifetime: GroupLifetime? = nil, ownerAccountID: Int? = nil) {
        self.id = id
        self.establishmentID = establishmentID
        self.schoolYearID = schoolYearID
        self.code = code
        self.name = name
        self.kind = kind
        self.lifetime = lifetime
        self.ownerAccountID = ownerAccountID
    }
}

/// Membership of a class or of a group (the table says which).
public struct MembershipRow: Sendable, Equatable {
    public var id: Int
    public var containerID: Int
    public var accountID: Int
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate?

    public init(id: Int, containerID: Int, accountID: Int, startsOn: CalendarDate, endsOn: CalendarDate? = nil) {
        self.id = id
        self.containerID = containerID
        self.accountID = accountID
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

public struct TeachingAssignmentRow: Sendable, Equatable {
    public var id: Int
    public var teacherID: Int
    public var classID: Int?
    public var groupID: Int?
    public var subjectID: Int

    public init(id: Int, teacherID: Int, classID: Int? = nil, groupID: Int? = nil, subjectID: Int) {
        self.id = id
        self.teacherID = teacherID
        self.classID = classID
        self.groupID = groupID
        self.subjectID = subjectID
    }
}

public struct HeadTeacherRow: Sendable, Equatable {
    public var id: Int
    public var classID: Int
    public var teacherID: Int

    public init(id: Int, classID: Int, teacherID: Int) {
        self.id = id
        self.classID = classID
        self.teacherID = teacherID
    }
}

public struct ParentLinkRow: Sendable, Equatable {
    public var id: Int
    public var schoolYearID: Int
    public var parentID: Int
    public var studentID: Int
    public var isLegalGuardian: Bool

    public init(id: Int, schoolYearID: Int, parentID: Int, studentID: Int, isLegalGuardian: Bool) {
        self.id = id
        self.schoolYearID = schoolYearID
        self.parentID = parentID
        self.studentID = studentID
        self.isLegalGuardian = isLegalGuardian
    }
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

    public init(establishment: EstablishmentRow) {
        self.establishment = establishment
    }
}
