import BasculeDomain
import BasculeStorage
import Vapor

/// `/messagerie/nouveau`: writing, answering and forwarding a message, with attachments
/// streamed to the store as they arrive.
struct MailComposeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("nouveau", use: form)
        // Streamed: who is asking is checked before the body is read, the form's token after.
        routes.on(.POST, "nouveau", body: .stream, use: send)
        routes.get("export", use: MailboxExport.download)
    }

    /// What the compose form carries, from its query (a search, an answer) or its body.
    struct Fields: Content {
        var a: [Int]?
        var classes: [Int]?
        var groupes: [Int]?
        var objet: String?
        var texte: String?
        var cherche: String?
        var reponse: Int?
        var tous: Int?
        var transfert: Int?
        var _csrf: String?

        var draft: MailPage.Draft {
            MailPage.Draft(to: a ?? [], classes: classes ?? [], groups: groupes ?? [], subject: objet ?? "", body: texte ?? "",
                           search: cherche ?? "", forwarding: transfert)
        }
    }

    static let contactLimit = 60
    static var maxBytes: Int { ServiceAPI.maxUploadBytes }

    func form(req: Request) async throws -> Response {
        let (viewer, store) = try MailWebRoutes.store(req)
        let fields = try req.query.decode(Fields.self)
        var draft = fields.draft
        if let id = fields.reponse {
            let original = try await store.read(id)
            var to = [original.senderID].compactMap { $0 }
            // Answering all: those of the recipients the viewer may write to (a student's
            // classmates of a class message are not).
            if fields.tous != nil { to += try await store.reachable(original.recipients) }
            draft.to = Array(Set(to).subtracting([viewer.accountID])).sorted()
            draft.subject = Self.prefixed("RE", original.subject)
            draft.body = try await Self.quoted(original, store)
        } else if let id = fields.transfert, fields.objet == nil {
            let original = try await store.read(id)
            draft.subject = Self.prefixed("TR", original.subject)
            draft.body = try await Self.quoted(original, store)
        }
        return try await page(draft, viewer: viewer, store: store, req: req).response()
    }

    func send(req: Request) async throws -> Response {
        let (viewer, store) = try MailWebRoutes.store(req)
        let files = req.files
        let fields: Fields
        var attachments: [MailStore.NewAttachment] = []
        if StreamedForm.isMultipart(req) {
            let form = try await StreamedForm.receive(req, files: files, fileField: "pieces", maxBytes: Self.maxBytes)
            attachments = form.files.map { MailStore.NewAttachment(name: $0.name, upload: $0.upload) }
            let ids = { (name: String) in form.all(name).compactMap { Int($0) } }
            fields = Fields(a: ids("a[]"), classes: ids("classes[]"), groupes: ids("groupes[]"), objet: form.first("objet"),
                            texte: form.first("texte"), transfert: form.first("transfert").flatMap { Int($0) }, _csrf: form.first(CSRF.field))
        } else {
            let body = try await req.body.collect(max: StreamedForm.fieldLimit * 4).get() ?? ByteBuffer()
            fields = try URLEncodedFormDecoder().decode(Fields.self, from: String(buffer: body))
        }
        do {
            try CSRF.check(req, sent: fields._csrf)
        } catch {
            for attachment in attachments { files.discard(attachment.upload) }
            throw error
        }
        let draft = fields.draft
        let message: MailStore.Message
        do {
            message = try await store.send(MailStore.Draft(subject: draft.subject, body: draft.body, to: draft.to, groups: draft.groups,
                                                           classes: draft.classes),
                                           at: req.clock.now, attachments: attachments, files: files, forwarding: draft.forwarding)
        } catch let refusal as ServiceError {
            let reason = switch refusal {
            case .invalid(_, let reason): "Le message n'est pas parti\u{A0}: \(reason)."
            default: refusal.reason
            }
            let again = attachments.isEmpty ? "" : " Joignez à nouveau vos fichiers."
            return try await page(draft, viewer: viewer, store: store, req: req, error: reason + again).response(status: refusal.status)
        }
        let n = message.recipients.count
        return req.redirect(to: "/messagerie/envoyes", notice: "Message « \(message.subject) » envoyé à \(French.count(n, "destinataire")).")
    }

    private func page(_ draft: MailPage.Draft, viewer: Viewer, store: MailStore, req: Request, error: String? = nil) async throws -> Page {
        let names = try await store.names(of: draft.to)
        let chosen = draft.to.compactMap { id in names[id].map { MailStore.Contact(id: id, name: $0, kinds: []) } }
        let book = MailPage.AddressBook(contacts: try await store.contacts(matching: draft.search, limit: Self.contactLimit),
                                        chosen: chosen, audiences: try await store.audiences(), limit: Self.contactLimit)
        return MailPage.compose(draft, book: book, boxes: try await MailWebRoutes.boxes(store), maxBytes: Self.maxBytes,
                                context: req.pageContext(viewer), error: error)
    }

    /// « RE : objet », once.
    static func prefixed(_ prefix: String, _ subject: String) -> String {
        subject.uppercased().hasPrefix("\(prefix) :") || subject.uppercased().hasPrefix("\(prefix):") ? subject : "\(prefix)\u{A0}: \(subject)"
    }

    /// The original under a line saying who wrote it and when, each line quoted with `>`.
    static func quoted(_ original: MailStore.Message, _ store: MailStore) async throws -> String {
        var author = "Bascule"
        if let sender = original.senderID, let name = try await store.names(of: [sender])[sender] { author = name }
        let lines = original.body.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
        return "\n\nLe \(AccessClosed.french(original.sentAt)), \(author) a écrit\u{A0}:\n" + lines.joined(separator: "\n")
    }
}
