import BasculeDomain
import FluentKit
import SQLKit

/// The carnet de liaison: conversations about a student between their parents and the
/// establishment's personnel. Reads follow the service table's rule (the personnel, the student
/// and their parents); writing is for the personnel and the student's parents, a message only
/// in a conversation the writer may read, in a year still open.
public struct LiaisonStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let conversations = ServiceSchema.byName["liaison_conversations"]!
    static let messages = ServiceSchema.byName["liaison_messages"]!

    /// The conversations the viewer may read, the latest first.
    public func conversations(in establishmentID: Int, limit: Int = 200) async throws -> [LiaisonConversation] {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Le carnet de liaison est réservé aux membres de l'établissement.")
        }
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.conversations, in: .establishment(id: establishmentID, yearID: nil))
        return try await lines(visible, where: "", limit: limit)
    }

    public func conversation(id: Int, in establishmentID: Int) async throws -> (conversation: LiaisonConversation, messages: [LiaisonMessage]) {
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.conversations, in: .establishment(id: establishmentID, yearID: nil))
        guard let conversation = try await lines(visible, where: "WHERE v.id = \(bind: id)", limit: 1).first else {
            throw ServiceError.notFound(table: Self.conversations.name, id: id)
        }
        let messages = try await db.sql.raw("""
            SELECT m.id, m.author_id, m.sent_at, m.body, a.first_name AS author_first_name, a.last_name AS author_last_name
            FROM liaison_messages m LEFT JOIN accounts a ON a.id = m.author_id
            WHERE m.conversation_id = \(bind: id) ORDER BY m.sent_at, m.id
            """).all(decoding: LiaisonMessage.self)
        return (conversation, messages)
    }

    /// Whether the viewer may write about this student: personnel of the establishment, or a
    /// parent of theirs; and whether it is a student of the establishment at all.
    public func mayWrite(about studentID: Int, in establishmentID: Int) async throws -> Bool {
        let isStudent = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM profiles WHERE account_id = \(bind: studentID) AND establishment_id = \(bind: establishmentID)
            AND kind = \(ProfileKind.student)
            """).first(decodingColumn: "n", as: Int.self) ?? 0 > 0
        guard isStudent else { return false }
        if viewer.isPersonnel(of: establishmentID) { return true }
        guard viewer.kinds(in: establishmentID).contains(.parent) else { return false }
        return try await DirectoryAccess(viewer: viewer, db: db).ownStudents().contains(studentID)
    }

    /// The student of the establishment with this login, for the personnel who name them.
    public func student(login: String, in establishmentID: Int) async throws -> Int? {
        guard viewer.isPersonnel(of: establishmentID) else { return nil }
        return try await db.sql.raw("""
            SELECT DISTINCT a.id FROM accounts a JOIN profiles p ON p.account_id = a.id
            WHERE a.login = \(bind: login) AND p.establishment_id = \(bind: establishmentID) AND p.kind = \(ProfileKind.student)
            """).first(decodingColumn: "id", as: Int.self)
    }

    /// Starts a conversation about a student with its first message; returns its id.
    public func start(about studentID: Int, subject: String, body: String, in establishmentID: Int, at instant: String) async throws -> Int {
        let subject = try ServiceStore.required(subject, field: "subject")
        let body = try ServiceStore.required(body, field: "body")
        guard try await mayWrite(about: studentID, in: establishmentID) else {
            throw ServiceError.forbidden("Le carnet de liaison s'écrit entre les parents d'un élève et les personnels de l'établissement.")
        }
        return try await db.transaction { tx in
            let store = ServiceStore(viewer: viewer, db: tx)
            let created = try await store.create(Self.conversations, in: .establishment(id: establishmentID, yearID: nil), fields: [
                "student_id": .int(studentID), "subject": .text(subject), "started_at": .text(instant),
            ])
            guard let id = created["id"]?.int else { throw ServiceError.notFound(table: Self.conversations.name, id: 0) }
            _ = try await store.create(Self.messages, in: .parent(table: Self.conversations, id: id, establishmentID: establishmentID),
                                       fields: ["sent_at": .text(instant), "body": .text(body)])
            return id
        }
    }

    public func reply(to id: Int, body: String, in establishmentID: Int, at instant: String) async throws {
        let body = try ServiceStore.required(body, field: "body")
        let store = ServiceStore(viewer: viewer, db: db)
        let conversation = try await store.read(Self.conversations, id: id, in: .establishment(id: establishmentID, yearID: nil))
        try await store.checkYearOpen(conversation, in: establishmentID)
        guard let student = conversation["student_id"]?.int, try await mayWrite(about: student, in: establishmentID) else {
            throw ServiceError.forbidden("Le carnet de liaison s'écrit entre les parents d'un élève et les personnels de l'établissement.")
        }
        _ = try await store.create(Self.messages, in: .parent(table: Self.conversations, id: id, establishmentID: establishmentID),
                                   fields: ["sent_at": .text(instant), "body": .text(body)])
    }

    private func lines(_ visible: SQLSelectBuilder, where whereClause: SQLQueryString, limit: Int) async throws -> [LiaisonConversation] {
        try await db.sql.raw("""
            SELECT v.id, v.student_id, v.subject, v.started_at, v.school_year_id,
            s.first_name AS student_first_name, s.last_name AS student_last_name,
            b.first_name AS starter_first_name, b.last_name AS starter_last_name,
            (SELECT COUNT(*) FROM liaison_messages m WHERE m.conversation_id = v.id) AS message_count,
            (SELECT MAX(m.sent_at) FROM liaison_messages m WHERE m.conversation_id = v.id) AS last_at
            FROM (\(visible.query)) v JOIN accounts s ON s.id = v.student_id LEFT JOIN accounts b ON b.id = v.started_by
            \(whereClause) ORDER BY last_at DESC, v.id DESC LIMIT \(literal: limit)
            """).all(decoding: LiaisonConversation.self)
    }
}

public struct LiaisonConversation: Sendable, Decodable, Equatable {
    public let id: Int
    public let student_id: Int
    public let subject: String
    public let started_at: String
    public let school_year_id: Int
    public let student_first_name: String
    public let student_last_name: String
    public let starter_first_name: String?
    public let starter_last_name: String?
    public let message_count: Int
    public let last_at: String?

    public var studentName: String { "\(student_first_name) \(student_last_name)" }
    public var starterName: String? { PersonName.display(first: starter_first_name, last: starter_last_name) }
}

public struct LiaisonMessage: Sendable, Decodable, Equatable {
    public let id: Int
    public let author_id: Int?
    public let sent_at: String
    public let body: String
    public let author_first_name: String?
    public let author_last_name: String?

    public var authorName: String { PersonName.display(first: author_first_name, last: author_last_name) ?? "Compte supprimé" }
}
