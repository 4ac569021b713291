import BasculeDomain
import FluentKit
import SQLKit

/// School life as its readers see it: a student's absences, lateness, punishments and
/// sanctions (the student, their parents, the personnel: the tables' read rule), and the school
/// life office's list of the establishment's absences, which it justifies.
public struct SchoolLifeStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let absences = ServiceSchema.byName["absences"]!
    static let punishments = ServiceSchema.byName["punishments"]!
    static let sanctions = ServiceSchema.byName["sanctions"]!

    public struct Absence: Sendable, Equatable, Decodable {
        public let id: Int
        public let student_id: Int
        public let starts_at: String
        public let ends_at: String
        public let kind: String
        public let is_justified: Bool
        public let reason_id: Int?
        public let reason: String?
        public let student_first_name: String
        public let student_last_name: String
        public let class_code: String?

        public var absenceKind: AbsenceKind { AbsenceKind(rawValue: kind) ?? .absence }
        public var studentName: String { "\(student_last_name) \(student_first_name)" }
    }

    public struct Punishment: Sendable, Equatable, Decodable {
        public let id: Int
        public let given_on: String
        public let type: String?
        public let reason: String?
        public let notes: String
        public let given_by_name: String?
    }

    public struct Sanction: Sendable, Equatable, Decodable {
        public let id: Int
        public let decided_on: String
        public let kind: String
        public let reason: String?
        public let decision: String

        public var sanctionKind: SanctionKind? { SanctionKind(rawValue: kind) }
    }

    public struct StudentRecord: Sendable {
        public let studentName: String
        public let year: Viewer.Year
        public let absences: [Absence]
        public let punishments: [Punishment]
        public let sanctions: [Sanction]
    }

    /// A student's year (the establishment's own unless `yearID` names another), as the viewer
    /// may read it: an id the rule does not reach reads as nothing, never as someone else's.
    public func record(of studentID: Int, in establishmentID: Int, yearID: Int? = nil) async throws -> StudentRecord {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("La vie scolaire est réservée aux membres de l'établissement.")
        }
        if !viewer.isPersonnel(of: establishmentID), !(try await DirectoryAccess(viewer: viewer, db: db).ownStudents().contains(studentID)) {
            throw ServiceError.forbidden("La vie scolaire d'un élève se lit par l'élève, ses parents et les personnels de l'établissement.")
        }
        guard let student = try await db.sql.raw("""
            SELECT a.first_name || ' ' || a.last_name AS name FROM accounts a WHERE a.id = \(bind: studentID) AND EXISTS (
            SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id = \(bind: establishmentID) AND p.kind = \(ProfileKind.student))
            """).first(decodingColumn: "name", as: String.self) else {
            throw ServiceError.notFound(table: "accounts", id: studentID)
        }
        guard let own = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let year = try await SchoolYear.named(id: yearID, otherwise: own, on: db)
        let place = ServiceStore.Place.establishment(id: establishmentID, yearID: year.id)
        let store = ServiceStore(viewer: viewer, db: db)
        let absences = try await store.visibleRows(Self.absences, in: place)
        absences.where(SQLColumn("student_id", table: "t"), .equal, SQLBind(studentID))
        let punishments = try await store.visibleRows(Self.punishments, in: place)
        punishments.where(SQLColumn("student_id", table: "t"), .equal, SQLBind(studentID))
        let sanctions = try await store.visibleRows(Self.sanctions, in: place)
        sanctions.where(SQLColumn("student_id", table: "t"), .equal, SQLBind(studentID))
        return StudentRecord(
            studentName: student, year: year,
            absences: try await absenceLines(absences, where: "", limit: 1_000, offset: 0, yearID: year.id),
            punishments: try await db.sql.raw("""
                SELECT v.id, v.given_on, t.label AS type, r.label AS reason, v.notes,
                CASE WHEN g.id IS NULL THEN NULL ELSE g.first_name || ' ' || g.last_name END AS given_by_name
                FROM (\(punishments.query)) v LEFT JOIN punishment_types t ON t.id = v.type_id
                LEFT JOIN punishment_reasons r ON r.id = v.reason_id LEFT JOIN accounts g ON g.id = v.given_by
                ORDER BY v.given_on DESC, v.id DESC
                """).all(decoding: Punishment.self),
            sanctions: try await db.sql.raw("""
                SELECT v.id, v.decided_on, v.kind, r.label AS reason, v.decision
                FROM (\(sanctions.query)) v LEFT JOIN sanction_reasons r ON r.id = v.reason_id
                ORDER BY v.decided_on DESC, v.id DESC
                """).all(decoding: Sanction.self))
    }

    func absenceLines(_ visible: SQLSelectBuilder, where whereClause: SQLQueryString, limit: Int, offset: Int,
                      yearID: Int) async throws -> [Absence] {
        try await db.sql.raw("""
            SELECT v.id, v.student_id, v.starts_at, v.ends_at, v.kind, v.is_justified, v.reason_id, r.label AS reason,
            a.first_name AS student_first_name, a.last_name AS student_last_name,
            (SELECT MIN(c.code) FROM class_memberships m JOIN classes c ON c.id = m.class_id
             WHERE m.account_id = v.student_id AND c.school_year_id = \(bind: yearID)) AS class_code
            FROM (\(visible.query)) v JOIN accounts a ON a.id = v.student_id LEFT JOIN absence_reasons r ON r.id = v.reason_id
            \(whereClause) ORDER BY v.starts_at DESC, v.id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Absence.self)
    }
}
