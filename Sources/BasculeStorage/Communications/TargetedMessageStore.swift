import BasculeDomain
import FluentKit
import SQLKit

/// Communications ciblées: an establishment's administrators write to profiles (and classes)
/// of the establishment; each recipient sees the message on their home page until they say
/// they have read it. Messages and their recipients are kept across years (the history).
public struct TargetedMessageStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let messages = ServiceSchema.byName["targeted_messages"]!

    /// Who a message is for: the `audience` column's values.
    public enum Audience: String, Sendable, CaseIterable, Decodable {
        case parents, students, staff, all

        var kinds: [ProfileKind] {
            switch self {
            case .parents: [.parent]
            case .students: [.student]
            case .staff: [.teacher, .staff, .head, .entAdmin]
            case .all: ProfileKind.allCases
            }
        }
    }

    public struct Received: Sendable, Decodable, Equatable {
        public let id: Int
        public let title: String
        public let body: String
        public let sent_at: String
        public let read_at: String?
        public let establishment_name: String
        public let author_first_name: String?
        public let author_last_name: String?

        public var authorName: String? { PersonName.display(first: author_first_name, last: author_last_name) }
    }

    public struct Sent: Sendable, Decodable, Equatable {
        public let id: Int
        public let title: String
        public let body: String
        public let sent_at: String
        public let audience: Audience
        public let recipient_count: Int
        public let read_count: Int
        public let author_first_name: String?
        public let author_last_name: String?

        public var authorName: String? { PersonName.display(first: author_first_name, last: author_last_name) }
    }

    /// Whether the viewer may write communications in the establishment (its administrators).
    public func checkMayWrite(in establishmentID: Int) throws {
        try viewer.checkWrite(Self.messages.write, table: Self.messages.name, establishmentID: establishmentID)
    }

    /// Sends a message to the establishment's profiles of `audience` — only those of `classes`
    /// when some are given (their students, their students' parents, their teachers). Returns
    /// the message's id and its number of recipients.
    public func send(title: String, body: String, audience: Audience, classes: [Int], in establishmentID: Int,
                     at instant: String) async throws -> (id: Int, recipients: Int) {
        try checkMayWrite(in: establishmentID)
        let title = try ServiceStore.required(title, field: "title")
        let body = try ServiceStore.required(body, field: "body")
        guard let yearID = try await viewer.year(of: establishmentID, on: db)?.id else { throw ServiceError.noCurrentYear }
        let known = try await db.sql.raw("""
            SELECT id FROM classes WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            AND id IN (\(binds: classes.isEmpty ? [0] : classes))
            """).all(decodingColumn: "id", as: Int.self)
        guard Set(known) == Set(classes) else { throw ServiceError.invalid(field: "classes", reason: "une classe n'est pas de l'établissement") }
        let viewer = viewer
        return try await db.transaction { tx in
            let created = try await ServiceStore(viewer: viewer, db: tx).create(Self.messages, in: .establishment(id: establishmentID, yearID: nil), fields: [
                "author_id": .int(viewer.accountID), "title": .text(title), "body": .text(body), "sent_at": .text(instant),
                "audience": .text(audience.rawValue),
            ])
            guard let id = created["id"]?.int else { throw ServiceError.notFound(table: Self.messages.name, id: 0) }
            var inClasses: SQLQueryString = ""
            if !classes.isEmpty {
                let students: SQLQueryString = "SELECT account_id FROM class_memberships WHERE class_id IN (\(binds: classes))"
                inClasses = """
                     AND (p.account_id IN (\(students)) \
                    OR p.account_id IN (SELECT parent_id FROM parent_links WHERE school_year_id = \(bind: yearID) AND student_id IN (\(students))) \
                    OR p.account_id IN (SELECT teacher_id FROM teaching_assignments WHERE class_id IN (\(binds: classes))))
                    """
            }
            try await tx.sql.raw("""
                INSERT INTO targeted_message_recipients (message_id, account_id, read_at)
                SELECT DISTINCT \(bind: id), p.account_id, CAST(NULL AS TEXT) FROM profiles p
                WHERE p.establishment_id = \(bind: establishmentID) AND (p.school_year_id = \(bind: yearID) OR p.school_year_id IS NULL)
                AND p.kind IN (\(binds: audience.kinds.map(\.rawValue)))\(inClasses)
                """).run()
            let count = try await tx.sql.raw("SELECT COUNT(*) AS n FROM targeted_message_recipients WHERE message_id = \(bind: id)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            return (id, count)
        }
    }

    /// The messages the viewer received (the unread ones only, for the home page), latest first.
    public func received(unreadOnly: Bool, limit: Int = 50, offset: Int = 0) async throws -> [Received] {
        try await db.sql.raw("""
            SELECT m.id, m.title, m.body, m.sent_at, r.read_at, e.name AS establishment_name,
            a.first_name AS author_first_name, a.last_name AS author_last_name
            FROM targeted_message_recipients r JOIN targeted_messages m ON m.id = r.message_id
            JOIN establishments e ON e.id = m.establishment_id LEFT JOIN accounts a ON a.id = m.author_id
            WHERE r.account_id = \(bind: viewer.accountID)\(unreadOnly ? " AND r.read_at IS NULL" : "")
            ORDER BY m.sent_at DESC, m.id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Received.self)
    }

    /// The viewer says they have read a message sent to them.
    public func acknowledge(_ id: Int, at instant: String) async throws {
        let rows = try await db.sql.raw("""
            SELECT id FROM targeted_message_recipients WHERE message_id = \(bind: id) AND account_id = \(bind: viewer.accountID)
            """).all()
        guard !rows.isEmpty else { throw ServiceError.notFound(table: Self.messages.name, id: id) }
        try await db.sql.raw("""
            UPDATE targeted_message_recipients SET read_at = \(bind: instant)
            WHERE message_id = \(bind: id) AND account_id = \(bind: viewer.accountID) AND read_at IS NULL
            """).run()
    }

    /// The establishment's messages, every year's, latest first, with how many read them —
    /// for those the table's rule lets read them.
    public func history(of establishmentID: Int, limit: Int, offset: Int) async throws -> (messages: [Sent], total: Int) {
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.messages, in: .establishment(id: establishmentID, yearID: nil))
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM (\(visible.query)) v").first(decodingColumn: "n", as: Int.self) ?? 0
        let messages = try await db.sql.raw("""
            SELECT v.id, v.title, v.body, v.sent_at, v.audience, a.first_name AS author_first_name, a.last_name AS author_last_name,
            (SELECT COUNT(*) FROM targeted_message_recipients r WHERE r.message_id = v.id) AS recipient_count,
            (SELECT COUNT(*) FROM targeted_message_recipients r WHERE r.message_id = v.id AND r.read_at IS NOT NULL) AS read_count
            FROM (\(visible.query)) v LEFT JOIN accounts a ON a.id = v.author_id
            ORDER BY v.sent_at DESC, v.id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Sent.self)
        return (messages, total)
    }
}
