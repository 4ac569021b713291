import BasculeDomain
import FluentKit
import SQLKit

/// Internal mail for one viewer. Sending writes the message once and a delivery per recipient
/// (groups and classes expanded to their members); each person reads only their own inbox and
/// sent mail, and files deliveries in their own folders.
public struct MailStore: Sendable {
    public let viewer: Viewer
    let db: any Database
    let limits: MailLimits
    var sql: any SQLDatabase { db.sql }

    public init(viewer: Viewer, db: any Database, limits: MailLimits = .standard) {
        self.viewer = viewer
        self.db = db
        self.limits = limits
    }

    public struct Draft: Codable, Sendable {
        public let subject: String
        public let body: String
        public var to: [Int]?
        public var groups: [Int]?
        public var classes: [Int]?

        public init(subject: String, body: String, to: [Int]? = nil, groups: [Int]? = nil, classes: [Int]? = nil) {
            self.subject = subject
            self.body = body
            self.to = to
            self.groups = groups
            self.classes = classes
        }
    }

    public struct Summary: Codable, Sendable {
        public let deliveryID: Int?
        public let messageID: Int
        public let senderID: Int?
        public let sentAt: String
        public let subject: String
        public let folderID: Int?
        public let isRead: Bool?
        public let isArchived: Bool?
    }

    public struct Message: Codable, Sendable {
        public let id: Int
        public let senderID: Int?
        public let sentAt: String
        public let subject: String
        public let body: String
        public let recipients: [Int]
        /// Downloaded by `GET /api/v1/mail/messages/{id}/attachments/{attachment id}`.
        public let attachments: [Attachment]
    }

    public struct Attachment: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
    }

    public struct Filing: Codable, Sendable {
        public var folderID: Int?
        public var isArchived: Bool?
        public var isRead: Bool?

        public init(folderID: Int? = nil, isArchived: Bool? = nil, isRead: Bool? = nil) {
            self.folderID = folderID
            self.isArchived = isArchived
            self.isRead = isRead
        }
    }

    /// Sends a message to the viewer's contacts and to the members of the classes and groups
    /// they may write to, with the attachments already received (their
    /// contents join the store once the message has committed; refused, they leave nothing).
    /// A forward (`forwarding`, a message the viewer may read) carries that message's attachments.
    public func send(_ draft: Draft, at sentAt: String, attachments: [NewAttachment] = [], files: FileStore? = nil,
                     forwarding: Int? = nil) async throws -> Message {
        do {
            if let forwarding { _ = try await read(forwarding) }
            let message = try await write(draft, at: sentAt, attachments: attachments, files: files, forwarding: forwarding)
            for attachment in attachments { try files?.commit(attachment.upload) }
            return message
        } catch {
            for attachment in attachments { files?.discard(attachment.upload) }
            throw error
        }
    }

    /// A file sent with a message, as its sender named it.
    public struct NewAttachment: Sendable {
        public let name: String
        public let upload: FileStore.Incoming

        public init(name: String, upload: FileStore.Incoming) {
            self.name = name
            self.upload = upload
        }
    }

    private func write(_ draft: Draft, at sentAt: String, attachments: [NewAttachment], files: FileStore?,
                       forwarding: Int?) async throws -> Message {
        guard !draft.subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError.invalid(field: "subject", reason: "obligatoire")
        }
        for (field, text) in [("subject", draft.subject), ("body", draft.body)] {
            do { try TextLimits.check(text, field: field) } catch { throw ServiceError.invalid(field: error.field, reason: error.reason) }
        }
        guard let yearID = viewer.ownYear?.id else { throw ServiceError.noCurrentYear }
        // The people, classes and groups the compose page offers (`contactIDs`, `audiences`):
        // a student writes to their teachers and the staff, not to any family of the school.
        var recipients = Set<Int>()
        let to = draft.to ?? []
        if !to.isEmpty {
            let reachable = try await self.reachable(to)
            if let refused = to.first(where: { !reachable.contains($0) && $0 != viewer.accountID }) {
                throw ServiceError.invalid(field: "to", reason: "destinataire \(refused) hors de vos contacts")
            }
            recipients.formUnion(reachable)
        }
        let audiences = (draft.groups ?? []).isEmpty && (draft.classes ?? []).isEmpty ? [] : try await self.audiences()
        for id in draft.groups ?? [] {
            guard audiences.contains(where: { $0.kind == .group && $0.id == id }) else {
                throw ServiceError.invalid(field: "groups", reason: "groupe \(id) inconnu ou hors de vos contacts")
            }
            recipients.formUnion(try await GroupMembership.query(on: db).filter(\.$group.$id == id).all(\.$account.$id))
        }
        for id in draft.classes ?? [] {
            guard audiences.contains(where: { $0.kind == .schoolClass && $0.id == id }) else {
                throw ServiceError.invalid(field: "classes", reason: "classe \(id) inconnue ou hors de vos contacts")
            }
            recipients.formUnion(try await ClassMembership.query(on: db).filter(\.$schoolClass.$id == id).all(\.$account.$id))
        }
        recipients.remove(viewer.accountID)
        guard !recipients.isEmpty else { throw ServiceError.invalid(field: "to", reason: "au moins un destinataire") }
        try await checkVolume(recipients.count, at: sentAt)
        let accounts = recipients.sorted()
        let sender = viewer.accountID
        let messageID = try await db.transaction { tx in
            let sql = tx.sql
            let id = try await Self.write(on: sql, yearID: yearID, sender: sender, sentAt: sentAt, subject: draft.subject,
                                          body: draft.body, to: accounts)
            for group in draft.groups ?? [] {
                try await sql.insert(into: "mail_recipients").columns("message_id", "group_id").values(SQLBind(id), SQLBind(group)).run()
            }
            for schoolClass in draft.classes ?? [] {
                try await sql.insert(into: "mail_recipients").columns("message_id", "class_id").values(SQLBind(id), SQLBind(schoolClass)).run()
            }
            for attachment in attachments {
                guard let files else { break }
                let mediaType = UploadPolicy.documents.mediaType(of: attachment.upload.head) ?? "application/octet-stream"
                let file = try await files.insertRow(sha256: attachment.upload.sha256, byteCount: attachment.upload.byteCount,
                                                     mediaType: mediaType, on: sql)
                try await sql.insert(into: "mail_attachments").columns("message_id", "file_id", "name")
                    .values(SQLBind(id), SQLBind(file), SQLBind(attachment.name)).run()
            }
            if let forwarding {
                try await sql.raw("""
                    INSERT INTO mail_attachments (message_id, file_id, name)
                    SELECT \(bind: id), file_id, name FROM mail_attachments WHERE message_id = \(bind: forwarding) ORDER BY id
                    """).run()
            }
            return id
        }
        return try await read(messageID)
    }

    /// The viewer's inbox of a year: unfiled deliveries (of a past year, only the archived
    /// ones), or those of one folder.
    public func inbox(yearID: Int, folder: Int?) async throws -> [Summary] {
        let select = sql.select()
            .columns(SQLColumn("id", table: "d"), SQLColumn("message_id", table: "d"), SQLColumn("sender_id", table: "m"),
                     SQLColumn("sent_at", table: "m"), SQLColumn("subject", table: "m"), SQLColumn("folder_id", table: "d"),
                     SQLColumn("is_read", table: "d"), SQLColumn("is_archived", table: "d"))
            .from(SQLAlias(SQLIdentifier("mail_deliveries"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("mail_messages"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("id", table: "m"), .equal, SQLColumn("message_id", table: "d")))
            .where(SQLColumn("account_id", table: "d"), .equal, SQLBind(viewer.accountID))
            .where(SQLColumn("school_year_id", table: "d"), .equal, SQLBind(yearID))
        if let folder {
            select.where(SQLColumn("folder_id", table: "d"), .equal, SQLBind(folder))
        } else {
            select.where(SQLColumn("folder_id", table: "d"), .is, SQLLiteral.null)
            // A past year's inbox keeps only what was archived: the year change hides the rest
            // (the purge deletes it), without writing to the deliveries.
            if viewer.ownYear?.id != yearID {
                select.where(SQLColumn("is_archived", table: "d"), .equal, SQLBind(true))
            }
        }
        return try await select.orderBy(SQLOrderBy(expression: SQLColumn("sent_at", table: "m"), direction: SQLDirection.descending)).limit(500).all().map { row in
            Summary(deliveryID: try row.decode(column: "id", as: Int.self), messageID: try row.decode(column: "message_id", as: Int.self),
                    senderID: try row.decode(column: "sender_id", as: Int?.self), sentAt: try row.decode(column: "sent_at", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self), folderID: try row.decode(column: "folder_id", as: Int?.self),
                    isRead: try row.decode(column: "is_read", as: Bool.self), isArchived: try row.decode(column: "is_archived", as: Bool.self))
        }
    }

    public func sent() async throws -> [Summary] {
        try await sql.select().columns("id", "sender_id", "sent_at", "subject").from("mail_messages")
            .where("sender_id", .equal, viewer.accountID).orderBy("sent_at", .descending).limit(500).all().map { row in
                Summary(deliveryID: nil, messageID: try row.decode(column: "id", as: Int.self),
                        senderID: try row.decode(column: "sender_id", as: Int?.self), sentAt: try row.decode(column: "sent_at", as: String.self),
                        subject: try row.decode(column: "subject", as: String.self), folderID: nil, isRead: nil, isArchived: nil)
            }
    }

    /// Files a delivery in one of the viewer's folders (or back to the inbox with `null`),
    /// archives it or marks it read.
    public func file(delivery id: Int, _ filing: Filing) async throws {
        guard try await sql.select().column("id").from("mail_deliveries").where("id", .equal, id)
            .where("account_id", .equal, viewer.accountID).first() != nil
        else { throw ServiceError.notFound(table: "mail_deliveries", id: id) }
        let update = sql.update("mail_deliveries").where("id", .equal, id)
        if let folder = filing.folderID {
            guard try await sql.select().column("id").from("mail_folders").where("id", .equal, folder)
                .where("account_id", .equal, viewer.accountID).first() != nil
            else { throw ServiceError.invalid(field: "folderID", reason: "dossier \(folder) inconnu") }
        }
        update.set("folder_id", to: filing.folderID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
        if let archived = filing.isArchived { update.set("is_archived", to: archived) }
        if let read = filing.isRead { update.set("is_read", to: read) }
        try await update.run()
    }

    /// A message its sender or one of its recipients reads; anyone else gets a 404.
    public func read(_ id: Int) async throws -> Message {
        guard let row = try await sql.select().columns("id", "sender_id", "sent_at", "subject", "body").from("mail_messages")
            .where("id", .equal, id).first()
        else { throw ServiceError.notFound(table: "mail_messages", id: id) }
        let recipients = try await sql.select().column("account_id").from("mail_deliveries").where("message_id", .equal, id)
            .orderBy("account_id").all(decodingColumn: "account_id", as: Int.self)
        let sender = try row.decode(column: "sender_id", as: Int?.self)
        guard sender == viewer.accountID || recipients.contains(viewer.accountID) else {
            throw ServiceError.notFound(table: "mail_messages", id: id)
        }
        let attachments = try await sql.select().columns("id", "name").from("mail_attachments").where("message_id", .equal, id)
            .orderBy("id").all(decoding: Attachment.self)
        return Message(id: id, senderID: sender, sentAt: try row.decode(column: "sent_at", as: String.self),
                       subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self),
                       recipients: recipients, attachments: attachments)
    }

    /// Pupils and parents write to a few people at a time, not to the whole establishment
    /// (`limits`, the platform's settings); personnel are not limited.
    private func checkVolume(_ recipients: Int, at sentAt: String) async throws {
        guard !viewer.isOperator, !viewer.memberships.contains(where: { $0.kind.isPersonnel }) else { return }
        guard recipients <= limits.recipientsPerMessage else {
            throw ServiceError.forbidden("Un message d'élève ou de parent va à \(limits.recipientsPerMessage) destinataires au plus.")
        }
        let hour = String(sentAt.prefix(13))
        let sent = try await sql.raw("""
            SELECT COUNT(*) AS n FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id
            WHERE m.sender_id = \(bind: viewer.accountID) AND m.sent_at >= \(bind: hour)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        guard sent + recipients <= limits.recipientsPerHour else {
            throw ServiceError.tooMany("Vous avez écrit à \(limits.recipientsPerHour) destinataires dans l'heure : réessayez plus tard.")
        }
    }

    /// An attachment of a message the viewer may read: its stored content, type and name.
    public func attachment(_ attachmentID: Int, of messageID: Int) async throws -> (sha256: String, mediaType: String, name: String) {
        _ = try await read(messageID)
        struct Row: Decodable { let sha256: String; let media_type: String; let name: String }
        guard let row = try await sql.raw("""
            SELECT f.sha256, f.media_type, a.name FROM mail_attachments a JOIN files f ON f.id = a.file_id
            WHERE a.id = \(bind: attachmentID) AND a.message_id = \(bind: messageID)
            """).first(decoding: Row.self)
        else { throw ServiceError.notFound(table: "mail_attachments", id: attachmentID) }
        return (row.sha256, row.media_type, row.name)
    }
}
