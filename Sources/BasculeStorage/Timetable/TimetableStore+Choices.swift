import BasculeDomain
import SQLKit

/// What a viewer may pick on the timetable page: their own week, their children's, and (for the
/// personnel) the establishment's classes, groups, teachers and rooms.
public struct TimetableChoices: Sendable, Equatable, Codable {
    public struct Choice: Sendable, Equatable, Codable {
        public let id: Int
        public let label: String
    }

    /// The viewer's own week: a student's or a teacher's.
    public let ownTarget: TimetableTarget.Kind?
    public let children: [Choice]
    public let classes: [Choice]
    public let groups: [Choice]
    /// Teachers and rooms: administrators, heads and staff.
    public let teachers: [Choice]
    public let rooms: [Choice]
}

extension TimetableTarget {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case schoolClass = "class", group, teacher, student, room
    }

    public init(kind: Kind, id: Int) {
        switch kind {
        case .schoolClass: self = .schoolClass(id)
        case .group: self = .group(id)
        case .teacher: self = .teacher(id)
        case .student: self = .student(id)
        case .room: self = .room(id)
        }
    }

    public var kind: Kind {
        switch self {
        case .schoolClass: .schoolClass
        case .group: .group
        case .teacher: .teacher
        case .student: .student
        case .room: .room
        }
    }

    public var targetID: Int { id }
}

extension TimetableStore {
    public func choices(in establishmentID: Int, yearID asked: Int? = nil) async throws -> TimetableChoices {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        let yearID = try yearID(asked, in: establishmentID)
        let kinds = viewer.kinds(in: establishmentID)
        let own: TimetableTarget.Kind? = kinds.contains(.student) ? .student : kinds.contains(.teacher) ? .teacher : nil
        var children: [TimetableChoices.Choice] = []
        if kinds.contains(.parent) {
            children = try await list("""
                SELECT a.id, a.first_name || ' ' || a.last_name AS label FROM parent_links l JOIN accounts a ON a.id = l.student_id
                WHERE l.parent_id = \(bind: viewer.accountID) AND l.school_year_id = \(bind: yearID)
                AND EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id = \(bind: establishmentID))
                ORDER BY a.first_name, a.last_name
                """)
        }
        guard viewer.isPersonnel(of: establishmentID) else {
            return TimetableChoices(ownTarget: own, children: children, classes: [], groups: [], teachers: [], rooms: [])
        }
        let place: SQLQueryString = "establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)"
        let classes = try await list("SELECT id, code AS label FROM classes WHERE \(place) ORDER BY code")
        let groups = try await list("SELECT id, name AS label FROM groups WHERE \(place) ORDER BY name")
        let seesAll = viewer.isOperator || kinds.contains { $0.isPersonnel && $0 != .teacher }
        guard seesAll else {
            return TimetableChoices(ownTarget: own, children: children, classes: classes, groups: groups, teachers: [], rooms: [])
        }
        let teachers = try await list("""
            SELECT a.id, a.last_name || ' ' || a.first_name AS label FROM accounts a
            WHERE a.id IN (SELECT p.account_id FROM profiles p WHERE p.establishment_id = \(bind: establishmentID)
                           AND p.kind = \(bind: ProfileKind.teacher.rawValue))
            ORDER BY a.last_name, a.first_name
            """)
        let rooms = try await list("SELECT id, name AS label FROM timetable_rooms WHERE \(place) ORDER BY name")
        return TimetableChoices(ownTarget: own, children: children, classes: classes, groups: groups, teachers: teachers,
                                rooms: rooms)
    }

    private func list(_ query: SQLQueryString) async throws -> [TimetableChoices.Choice] {
        struct Row: Decodable { let id: Int; let label: String }
        return try await sql.raw(query).all(decoding: Row.self).map { TimetableChoices.Choice(id: $0.id, label: $0.label) }
    }
}
