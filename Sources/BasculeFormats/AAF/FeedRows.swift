import BasculeDomain

/// What an AAF record contributes to the directory, flattened for staging: one row per
/// structure, subject, MEF or person, and one row per link of a person.

public struct FeedStructureRow: Sendable, Equatable {
    public var jointure: String
    public var uai: String
    public var name: String
    public var kind: EstablishmentKind
    public var academy: String
    public var line: Int
}

public struct FeedCodeRow: Sendable, Equatable {
    public var kind: AAFKind
    public var code: String
    public var label: String
    public var line: Int
}

public struct FeedPersonRow: Sendable, Equatable {
    public var kind: AAFKind
    public var operation: AAFRecord.Operation
    /// The attributes a `modifyRequest` replaces, as ",name,name,"; "*" for a whole record.
    /// What a modification leaves out is kept from the directory.
    public var replaces: String
    public var jointure: String
    /// `nil` only where a modification leaves them out.
    public var lastName: String?
    public var firstName: String?
    public var birthDate: CalendarDate?
    public var email: String?
    public var ine: String?
    /// Personnel only: teaches in front of students.
    public var isTeacher: Bool
    public var line: Int
}

/// A person's link to an establishment, a class, a group or another person.
public struct FeedLinkRow: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `ENTPersonStructRattach`: the person belongs to the establishment.
        case attached
        case schoolClass = "class"
        case group
        /// The person (a student) has `code` (an adult's jointure) as responsible adult.
        case parent
        case teachesClass = "teaches_class"
        case teachesGroup = "teaches_group"
        case headTeacher = "head_teacher"
        /// `ENTPersonFonctions` with code `DIR`: the direction of the establishment.
        case direction
    }

    public var person: String
    public var kind: Kind
    public var establishment: String
    /// Class or group code, or the adult's jointure for `parent`.
    public var code: String
    /// Subject code of a teaching link; for a student's class link, the student's MEF code.
    public var subject: String?
    /// `parent`: legal guardian.
    public var flag: Bool
}

/// A record that could not be used, and why: listed in the report, never fatal.
public struct FeedRejection: Sendable, Equatable, Codable {
    public var file: String
    public var line: Int
    public var id: String
    public var reason: String
    /// Personnel only, by `AAFTeacherRule`: the report counts the record among teachers or
    /// other staff.
    public var isTeacher: Bool?

    public init(file: String, line: Int, id: String, reason: String, isTeacher: Bool? = nil) {
        self.file = file
        self.line = line
        self.id = id
        self.reason = reason
        self.isTeacher = isTeacher
    }
}

public struct FeedRows: Sendable {
    public var structures: [FeedStructureRow] = []
    public var codes: [FeedCodeRow] = []
    public var persons: [FeedPersonRow] = []
    public var links: [FeedLinkRow] = []
    public var rejections: [FeedRejection] = []

    public init() {}

    public var isEmpty: Bool { structures.isEmpty && codes.isEmpty && persons.isEmpty && links.isEmpty && rejections.isEmpty }
}
