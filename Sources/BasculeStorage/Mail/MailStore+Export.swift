import BasculeDomain
import SQLKit

extension MailStore {
    /// A whole message of one of the viewer's boxes, as its export writes it.
    public struct Exported: Sendable {
        public let id: Int
        public let sender: (id: Int, name: String)?
        public let recipients: [(id: Int, name: String)]
        public let sentAt: String
        public let subject: String
        public let body: String
        public let attachments: [(name: String, sha256: String, mediaType: String)]
    }

    /// The messages of a box after message `after`, oldest first, `limit` at a time: an export
    /// reads a box of any size in pages.
    public func export(_ box: Box, after: Int, limit: Int = 200) async throws -> [Exported] {
        if case .folder(let id) = box { _ = try await folder(id) }
        let me = viewer.accountID
        let which: SQLQueryString = box == .sent
            ? "m.sender_id = \(bind: me)"
            : "m.id IN (SELECT d.message_id FROM mail_deliveries d WHERE d.account_id = \(bind: me) AND \(deliveries(in: box)))"
        struct Row: Decodable {
            let id: Int, sender_id: Int?, sent_at: String, subject: String, body: String
            let first_name: String?, last_name: String?
        }
        let rows = try await sql.raw("""
            SELECT m.id, m.sender_id, m.sent_at, m.subject, m.body, a.first_name, a.last_name
            FROM mail_messages m LEFT JOIN accounts a ON a.id = m.sender_id
            WHERE \(which) AND m.id > \(bind: after) ORDER BY m.id LIMIT \(bind: limit)
            """).all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        struct Recipient: Decodable { let message_id: Int, account_id: Int, first_name: String, last_name: String }
        let recipients = Dictionary(grouping: try await sql.raw("""
            SELECT d.message_id, d.account_id, a.first_name, a.last_name FROM mail_deliveries d JOIN accounts a ON a.id = d.account_id
            WHERE d.message_id IN (\(binds: ids)) ORDER BY d.id
            """).all(decoding: Recipient.self), by: \.message_id)
        struct File: Decodable { let message_id: Int, name: String, sha256: String, media_type: String }
        let files = Dictionary(grouping: try await sql.raw("""
            SELECT t.message_id, t.name, f.sha256, f.media_type FROM mail_attachments t JOIN files f ON f.id = t.file_id
            WHERE t.message_id IN (\(binds: ids)) ORDER BY t.id
            """).all(decoding: File.self), by: \.message_id)
        return rows.map { row in
            Exported(id: row.id, sender: row.sender_id.map { ($0, "\(row.first_name ?? "") \(row.last_name ?? "")") },
                     recipients: (recipients[row.id] ?? []).map { ($0.account_id, "\($0.first_name) \($0.last_name)") },
                     sentAt: row.sent_at, subject: row.subject, body: row.body,
                     attachments: (files[row.id] ?? []).map { ($0.name, $0.sha256, $0.media_type) })
        }
    }
}
