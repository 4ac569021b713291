import BasculeDomain

/// A logbook session as the pages show it: its row with the names it refers to.
public struct LogbookSession: Sendable, Decodable, Equatable {
    public let id: Int
    public let school_year_id: Int
    public let held_on: String
    public let slot: String
    public let content: String
    public let class_id: Int?
    public let group_id: Int?
    public let subject_id: Int?
    public let teacher_id: Int?
    public let class_code: String?
    public let group_name: String?
    public let subject: String?
    public let teacher_first_name: String?
    public let teacher_last_name: String?

    public var date: CalendarDate? { try? CalendarDate(iso: held_on) }
    /// The class's code or the group's name.
    public var audienceName: String { class_code ?? group_name ?? "" }
    public var teacherName: String? { PersonName.display(first: teacher_first_name, last: teacher_last_name) }
}

/// Homework as the pages show it.
public struct LogbookHomework: Sendable, Decodable, Equatable {
    public let id: Int
    public let session_id: Int?
    public let given_on: String
    public let due_on: String
    public let content: String
    public let teacher_id: Int?
    public let class_code: String?
    public let group_name: String?
    public let subject: String?

    public var due: CalendarDate? { try? CalendarDate(iso: due_on) }
    public var audienceName: String { class_code ?? group_name ?? "" }
}

/// Whom a logbook row is written for: a class or a teaching group.
public enum LogbookAudience: Sendable, Hashable {
    case schoolClass(Int)
    case group(Int)

    public struct Named: Sendable, Equatable {
        public let audience: LogbookAudience
        public let name: String
    }

    public var isClass: Bool { if case .schoolClass = self { true } else { false } }

    /// "classe-12", "groupe-7": the value of the pages' filter.
    public var token: String {
        switch self {
        case .schoolClass(let id): "classe-\(id)"
        case .group(let id): "groupe-\(id)"
        }
    }

    public init?(token: String) {
        if token.hasPrefix("classe-"), let id = Int(token.dropFirst("classe-".count)) { self = .schoolClass(id) }
        else if token.hasPrefix("groupe-"), let id = Int(token.dropFirst("groupe-".count)) { self = .group(id) }
        else { return nil }
    }
}

public struct LogbookSubject: Sendable, Decodable, Equatable {
    public let id: Int
    public let label: String
}
