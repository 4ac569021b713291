import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Vapor

/// `/api/v1/mail`: internal mail. Sending writes the message once and a delivery per
/// recipient (groups and classes expanded to their members); each person reads only their
/// own inbox and sent mail, and files deliveries in their own folders (`/api/v1/me/mail_folders`).
struct MailAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let mail = routes.grouped("api", "v1", "mail")
        mail.post("messages", use: send)
        mail.get("inbox", use: inbox)
        mail.get("sent", use: sent)
        mail.get("messages", ":id", use: message)
        mail.patch("deliveries", ":id", use: file)
    }

    struct Draft: Content {
        let subject: String
        let body: String
        var to: [Int]?
        var groups: [Int]?
        var classes: [Int]?
    }

    struct Summary: Content {
        let deliveryID: Int?
        let messageID: Int
        let senderID: Int?
        let sentAt: String
        let subject: String
        let folderID: Int?
        let isRead: Bool?
        let isArchived: Bool?
    }

    struct Message: Content {
        let id: Int
        let senderID: Int?
        let sentAt: String
        let subject: String
        let body: String
        let recipients: [Int]
        let attachments: [String]
    }

    struct Filing: Content {
        var folderID: Int?
        var isArchived: Bool?
        var isRead: Bool?
    }

    func send(req: Request) async throws -> Response {
        let viewer = try await req.viewer()
        let draft = try req.content.decode(Draft.self)
        guard !draft.subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError.invalid(field: "subject", reason: "obligatoire")
        }
        guard let yearID = viewer.year?.id else { throw ServiceError.forbidden("Aucune année scolaire en cours.") }
        let establishments = viewer.establishments.map(\.id)
        let sql = req.db as! any SQLDatabase
        var recipients = Set<Int>()
        for id in draft.to ?? [] {
            let shared = try await sql.select().column("id").from("profiles").where("account_id", .equal, id)
                .where("establishment_id", .in, establishments).first()
            guard shared != nil else { throw ServiceError.invalid(field: "to", reason: "destinataire \(id) hors de vos établissements") }
            recipients.insert(id)
        }
        for id in draft.groups ?? [] {
            guard let group = try await Group.find(id, on: req.db), try await viewer.canSee(group, on: req.db) else {
                throw ServiceError.invalid(field: "groups", reason: "groupe \(id) inconnu ou non visible")
            }
            recipients.formUnion(try await GroupMembership.query(on: req.db).filter(\.$group.$id == id).all(\.$account.$id))
        }
        for id in draft.classes ?? [] {
            guard let schoolClass = try await SchoolClass.find(id, on: req.db), try await viewer.canSee(schoolClass, on: req.db) else {
                throw ServiceError.invalid(field: "classes", reason: "classe \(id) inconnue ou non visible")
            }
            recipients.formUnion(try await ClassMembership.query(on: req.db).filter(\.$schoolClass.$id == id).all(\.$account.$id))
        }
        recipients.remove(viewer.accountID)
        guard !recipients.isEmpty else { throw ServiceError.invalid(field: "to", reason: "au moins un destinataire") }
        let accounts = recipients.sorted()
        let sentAt = CalendarDate.now
        let messageID = try await req.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let id = try await sql.insert(into: "mail_messages")
                .columns("school_year_id", "sender_id", "sent_at", "subject", "body")
                .values(SQLBind(yearID), SQLBind(viewer.accountID), SQLBind(sentAt), SQLBind(draft.subject), SQLBind(draft.body))
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            for group in draft.groups ?? [] {
                try await sql.insert(into: "mail_recipients").columns("message_id", "group_id").values(SQLBind(id), SQLBind(group)).run()
            }
            for schoolClass in draft.classes ?? [] {
                try await sql.insert(into: "mail_recipients").columns("message_id", "class_id").values(SQLBind(id), SQLBind(schoolClass)).run()
            }
            let insert = sql.insert(into: "mail_deliveries")
                .columns("message_id", "account_id", "school_year_id", "folder_id", "is_read", "is_archived")
            for account in accounts {
                insert.values(SQLBind(id), SQLBind(account), SQLBind(yearID), SQLLiteral.null, SQLBind(false), SQLBind(false))
            }
            try await insert.run()
            return id
        }
        let response = Response(status: .created)
        try response.content.encode(try await read(messageID, viewer: viewer, on: req.db))
        return response
    }

    /// The viewer's inbox of a year (the current one unless `year=`): unfiled deliveries (of a
    /// past year, only the archived ones), or those of one folder with `folder=ID`.
    func inbox(req: Request) async throws -> [Summary] {
        let viewer = try await req.viewer()
        guard let yearID = try await ServiceAPI().yearID(req) else { return [] }
        let select = (req.db as! any SQLDatabase).select()
            .columns(SQLColumn("id", table: "d"), SQLColumn("message_id", table: "d"), SQLColumn("sender_id", table: "m"),
                     SQLColumn("sent_at", table: "m"), SQLColumn("subject", table: "m"), SQLColumn("folder_id", table: "d"),
                     SQLColumn("is_read", table: "d"), SQLColumn("is_archived", table: "d"))
            .from(SQLAlias(SQLIdentifier("mail_deliveries"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("mail_messages"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("id", table: "m"), .equal, SQLColumn("message_id", table: "d")))
            .where(SQLColumn("account_id", table: "d"), .equal, SQLBind(viewer.accountID))
            .where(SQLColumn("school_year_id", table: "d"), .equal, SQLBind(yearID))
        if let folder = req.query[Int.self, at: "folder"] {
            select.where(SQLColumn("folder_id", table: "d"), .equal, SQLBind(folder))
        } else {
            select.where(SQLColumn("folder_id", table: "d"), .is, SQLLiteral.null)
            // A past year's inbox keeps only what was archived: the year change hides the rest
            // (the purge deletes it), without writing to the deliveries.
            if try await SchoolYear.current(on: req.db)?.id != yearID {
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

    func sent(req: Request) async throws -> [Summary] {
        let viewer = try await req.viewer()
        return try await (req.db as! any SQLDatabase).select().columns("id", "sender_id", "sent_at", "subject").from("mail_messages")
            .where("sender_id", .equal, viewer.accountID).orderBy("sent_at", .descending).limit(500).all().map { row in
                Summary(deliveryID: nil, messageID: try row.decode(column: "id", as: Int.self),
                        senderID: try row.decode(column: "sender_id", as: Int?.self), sentAt: try row.decode(column: "sent_at", as: String.self),
                        subject: try row.decode(column: "subject", as: String.self), folderID: nil, isRead: nil, isArchived: nil)
            }
    }

    func message(req: Request) async throws -> Message {
        let viewer = try await req.viewer()
        let id = try req.parameters.require("id", as: Int.self)
        let message = try await read(id, viewer: viewer, on: req.db)
        try await (req.db as! any SQLDatabase).update("mail_deliveries").set("is_read", to: true)
            .where("message_id", .equal, id).where("account_id", .equal, viewer.accountID).run()
        return message
    }

    /// Files a delivery in one of the viewer's folders (or back to the inbox with `null`),
    /// archives it or marks it read.
    func file(req: Request) async throws -> HTTPStatus {
        let viewer = try await req.viewer()
        let id = try req.parameters.require("id", as: Int.self)
        let filing = try req.content.decode(Filing.self)
        let sql = req.db as! any SQLDatabase
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
        return .noContent
    }

    /// A message its sender or one of its recipients reads; anyone else gets a 404.
    private func read(_ id: Int, viewer: Viewer, on db: any Database) async throws -> Message {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.select().columns("id", "sender_id", "sent_at", "subject", "body").from("mail_messages")
            .where("id", .equal, id).first()
        else { throw ServiceError.notFound(table: "mail_messages", id: id) }
        let recipients = try await sql.select().column("account_id").from("mail_deliveries").where("message_id", .equal, id)
            .orderBy("account_id").all(decodingColumn: "account_id", as: Int.self)
        let sender = try row.decode(column: "sender_id", as: Int?.self)
        guard sender == viewer.accountID || recipients.contains(viewer.accountID) else {
            throw ServiceError.notFound(table: "mail_messages", id: id)
        }
        let attachments = try await sql.select().column("name").from("mail_attachments").where("message_id", .equal, id)
            .orderBy("id").all(decodingColumn: "name", as: String.self)
        return Message(id: id, senderID: sender, sentAt: try row.decode(column: "sent_at", as: String.self),
                       subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self),
                       recipients: recipients, attachments: attachments)
    }
}
