import BasculeDomain
import SQLKit

extension MailStore {
    /// A list of the viewer's mail. The inbox is this year's unfiled deliveries: the year change
    /// hides the rest (`hideUnfiledInbox`). Folders and archives hold messages of every year.
    public enum Box: Sendable, Equatable {
        case inbox, archives, sent
        case folder(Int)
    }

    public struct Entry: Sendable, Equatable {
        public let deliveryID: Int?
        public let messageID: Int
        public let sentAt: String
        public let subject: String
        /// The sender's name; in the sent box, the first recipient's.
        public let correspondent: String?
        /// In the sent box, how many people the message went to.
        public let recipientCount: Int
        public let isRead: Bool
        public let hasAttachments: Bool
    }

    public struct Listing: Sendable {
        public let entries: [Entry]
        public let total: Int
        public let page: Int
        public let perPage: Int
        public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    }

    /// One page (from 1) of a box, newest first, of the messages whose subject, body or
    /// correspondent's name contains `search` (any case).
    public func mailbox(_ box: Box, search: String?, page: Int, perPage: Int) async throws -> Listing {
        if case .folder(let id) = box { _ = try await folder(id) }
        let me = viewer.accountID
        let matching = Self.searchPredicate(search)
        let from: SQLQueryString, order: SQLQueryString
        if box == .sent {
            from = """
                mail_messages m LEFT JOIN accounts a ON a.id = (SELECT x.account_id FROM mail_deliveries x
                    WHERE x.message_id = m.id ORDER BY x.id LIMIT 1)
                WHERE m.sender_id = \(bind: me) AND \(matching)
                """
            order = "m.sent_at DESC, m.id DESC"
        } else {
            from = """
                mail_deliveries d JOIN mail_messages m ON m.id = d.message_id LEFT JOIN accounts a ON a.id = m.sender_id
                WHERE d.account_id = \(bind: me) AND \(deliveries(in: box)) AND \(matching)
                """
            order = "m.sent_at DESC, d.id DESC"
        }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM \(from)").first(decodingColumn: "n", as: Int.self) ?? 0
        let page = min(max(page, 1), max(1, (total + perPage - 1) / perPage))
        // How many people a message went to is shown in the sent box only.
        let delivery: SQLQueryString = box == .sent
            ? "NULL AS delivery_id, \(bind: true) AS is_read, (SELECT COUNT(*) FROM mail_deliveries r WHERE r.message_id = m.id) AS recipients"
            : "d.id AS delivery_id, d.is_read, 0 AS recipients"
        let rows = try await sql.raw("""
            SELECT \(delivery), m.id AS message_id, m.sent_at, m.subject, a.first_name, a.last_name,
                (SELECT COUNT(*) FROM mail_attachments t WHERE t.message_id = m.id) AS attachments
            FROM \(from) ORDER BY \(order) LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all()
        let entries = try rows.map { row in
            let first = try row.decode(column: "first_name", as: String?.self)
            let last = try row.decode(column: "last_name", as: String?.self)
            return Entry(deliveryID: try row.decode(column: "delivery_id", as: Int?.self),
                         messageID: try row.decode(column: "message_id", as: Int.self),
                         sentAt: try row.decode(column: "sent_at", as: String.self),
                         subject: try row.decode(column: "subject", as: String.self),
                         correspondent: first.map { "\($0) \(last ?? "")" },
                         recipientCount: try row.decode(column: "recipients", as: Int.self),
                         isRead: try row.decode(column: "is_read", as: Bool.self),
                         hasAttachments: try row.decode(column: "attachments", as: Int.self) > 0)
        }
        return Listing(entries: entries, total: total, page: page, perPage: perPage)
    }

    /// Unread messages of the inbox, for the navigation.
    public func unreadCount() async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM mail_deliveries d WHERE d.account_id = \(bind: viewer.accountID)
            AND \(deliveries(in: .inbox)) AND d.is_read = \(bind: false)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The inbox messages the year change will hide, then purge: unfiled, not archived, of the
    /// viewer's own year (the predicate of `hideUnfiledInbox`).
    public func unfiledCount() async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM mail_deliveries d WHERE d.account_id = \(bind: viewer.accountID) AND \(deliveries(in: .inbox))
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Which of the viewer's deliveries a box holds (columns of `alias`, none for an `UPDATE`).
    func deliveries(in box: Box, alias: String = "d") -> SQLQueryString {
        let d: SQLQueryString = alias.isEmpty ? "" : "\(unsafeRaw: alias)."
        return switch box {
        case .inbox:
            "\(d)folder_id IS NULL AND \(d)is_archived = \(bind: false) AND \(d)school_year_id = \(bind: viewer.ownYear?.id ?? 0)"
        case .archives: "\(d)folder_id IS NULL AND \(d)is_archived = \(bind: true)"
        case .folder(let id): "\(d)folder_id = \(bind: id)"
        case .sent: "1 = 0"
        }
    }

    /// `LIKE` on lower-cased text, the user's wildcards escaped: what they typed is looked for as is.
    static func searchPredicate(_ search: String?) -> SQLQueryString {
        guard let pattern = likePattern(search) else { return "1 = 1" }
        return """
            (lower(m.subject) LIKE \(bind: pattern) ESCAPE '\\' OR lower(m.body) LIKE \(bind: pattern) ESCAPE '\\'
            OR lower(COALESCE(a.first_name, '') || ' ' || COALESCE(a.last_name, '')) LIKE \(bind: pattern) ESCAPE '\\')
            """
    }

    /// `%words%`, lower-cased, with `\`, `%` and `_` escaped for `ESCAPE '\'`; nil for no words.
    static func likePattern(_ search: String?) -> String? {
        let words = (search ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !words.isEmpty else { return nil }
        var escaped = ""
        for character in words.lowercased().prefix(200) {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }
}
