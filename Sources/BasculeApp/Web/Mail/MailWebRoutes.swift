import BasculeDomain
import BasculeStorage
import Vapor

/// `/messagerie`: the viewer's boxes, a message, its attachments, and the filing of messages
/// into personal folders. Every read and write goes through `MailStore`, as the JSON API's do.
struct MailWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let mail = routes.grouped("messagerie")
        mail.get { try await box(.inbox, $0) }
        mail.get("archives") { try await box(.archives, $0) }
        mail.get("envoyes") { try await box(.sent, $0) }
        mail.get("dossiers", ":id") { req in try await box(.folder(try req.parameters.require("id", as: Int.self)), req) }
        mail.get("messages", ":id", use: message)
        mail.get("messages", ":id", "pieces", ":attachment", use: attachment)
        mail.get("dossiers", use: folders)
        mail.get("dossiers", ":id", "suppression", use: confirmDeletion)
        let forms = mail.grouped(CSRFMiddleware())
        forms.post("deplacer", use: move)
        forms.post("tout-ranger", use: fileInbox)
        forms.post("dossiers", use: createFolder)
        forms.post("dossiers", ":id", "nom", use: renameFolder)
        forms.post("dossiers", ":id", "suppression", use: deleteFolder)
        try MailComposeRoutes().boot(routes: mail)
    }

    func box(_ box: MailStore.Box, _ req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let search = req.query[String.self, at: "recherche"]
        let listing = try await store.mailbox(box, search: search, page: req.query[Int.self, at: "page"] ?? 1,
                                             perPage: try await PreferenceStore(viewer: viewer, db: req.db).itemsPerPage())
        let ahead = box == .inbox ? try await Self.changeAhead(viewer, store, req) : nil
        return MailPage.page(box, listing: listing, search: search, boxes: try await Self.boxes(store), ahead: ahead,
                             context: req.pageContext(viewer)).response()
    }

    /// Opening a message marks it read.
    func message(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let message = try await store.read(try req.parameters.require("id", as: Int.self))
        let delivery = try await store.markRead(message: message.id)
        let names = try await store.names(of: Array(message.recipients.prefix(MailPage.shownRecipients)) + [message.senderID].compactMap { $0 })
        return MailPage.message(.init(message: message, names: names, deliveryID: delivery), boxes: try await Self.boxes(store),
                                context: req.pageContext(viewer)).response()
    }

    /// An attachment, as every stored file is served: a sandboxed download.
    func attachment(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let file = try await store.attachment(try req.parameters.require("attachment", as: Int.self),
                                              of: try req.parameters.require("id", as: Int.self))
        return try await req.sandboxedDownload(sha256: file.sha256, name: file.name)
    }

    struct MoveForm: Content {
        var livraisons: [Int]?
        var destination: String?
        var retour: String?
    }

    func move(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let form = try req.content.decode(MoveForm.self)
        let back = Self.back(form.retour)
        let ids = form.livraisons ?? []
        guard !ids.isEmpty else { return req.redirect(to: back, notice: "Cochez d'abord les messages à déplacer.") }
        let destination: MailStore.Destination
        let place: String
        switch form.destination {
        case "boite": (destination, place) = (.inbox, "dans la boîte de réception")
        case "archives": (destination, place) = (.archives, "dans les archives")
        default:
            guard let id = form.destination.flatMap(Int.init) else { return req.redirect(to: back, notice: "Choisissez où déplacer les messages.") }
            let folder = try await store.folder(id)
            (destination, place) = (.folder(id), "dans le dossier « \(folder.name) »")
        }
        let moved = try await store.move(ids, to: destination)
        return req.redirect(to: back, notice: "\(French.count(moved, "message")) \(French.agreeing(moved, "rangé", "rangés")) \(place).")
    }

    func fileInbox(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        guard let year = viewer.ownYear else { throw Viewer.Failure.noCurrentYear }
        let (folder, moved) = try await store.fileInbox(intoFolderNamed: Self.yearFolderName(year.name))
        return req.redirect(to: MailPage.path(.folder(folder.id)),
                            notice: "\(French.count(moved, "message")) \(French.agreeing(moved, "rangé", "rangés")) dans le dossier « \(folder.name) »\u{A0}: \(French.agreeing(moved, "il sera conservé", "ils seront conservés")) après le changement d'année.")
    }

    struct NameForm: Content { var nom: String? }

    func folders(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        return MailPage.folders(try await Self.boxes(store), context: req.pageContext(viewer)).response()
    }

    func createFolder(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let name = try req.content.decode(NameForm.self).nom ?? ""
        do {
            let folder = try await store.createFolder(named: name)
            return req.redirect(to: MailPage.path(.folder(folder.id)), notice: "Dossier « \(folder.name) » créé.")
        } catch ServiceError.invalid(_, let reason) {
            return MailPage.folders(try await Self.boxes(store), context: req.pageContext(viewer),
                                    error: "Le dossier n'a pas été créé\u{A0}: \(reason).", typed: name).response(status: .badRequest)
        }
    }

    func renameFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        let back = MailPage.path(.folder(id)) + "#parametres"
        do {
            try await store.renameFolder(id, to: try req.content.decode(NameForm.self).nom ?? "")
        } catch ServiceError.invalid(_, let reason) {
            return req.redirect(to: back, notice: "Le dossier n'a pas été renommé\u{A0}: \(reason).")
        }
        return req.redirect(to: back, notice: "Dossier renommé en « \(try await store.folder(id).name) ».")
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let folder = try await store.folder(try req.parameters.require("id", as: Int.self))
        return MailPage.confirmDeletion(folder, boxes: try await Self.boxes(store), context: req.pageContext(viewer)).response()
    }

    func deleteFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        let name = try await store.folder(id).name
        let moved = try await store.deleteFolder(id)
        return req.redirect(to: "/messagerie/dossiers", notice: "Dossier « \(name) » supprimé" + (moved > 0 ? "\u{A0}; \(French.agreeing(moved, "son message est", "ses \(moved) messages sont")) dans les archives." : "."))
    }

    static func store(_ req: Request) throws -> (Viewer, MailStore) {
        let viewer = try req.viewer()
        return (viewer, MailStore(viewer: viewer, db: req.db, limits: req.application.configuration.mailLimits))
    }

    static func boxes(_ store: MailStore) async throws -> MailPage.Boxes {
        MailPage.Boxes(folders: try await store.folders(), unread: try await store.unreadCount())
    }

    static func yearFolderName(_ year: SchoolYearName) -> String { "Messages \(year)" }

    /// Back to a mail page only: a form's `retour` never sends anyone elsewhere.
    static func back(_ path: String?) -> String {
        guard let path, path.hasPrefix("/messagerie"), !path.contains("//"), !path.contains("\\") else { return "/messagerie" }
        return path
    }

    /// The inbox's warning, until the expected change date of the viewer's own year.
    static func changeAhead(_ viewer: Viewer, _ store: MailStore, _ req: Request) async throws -> MailPage.ChangeAhead? {
        guard let year = viewer.ownYear else { return nil }
        let unfiled = try await store.unfiledCount()
        guard unfiled > 0 else { return nil }
        let changeDate = TimetableYearEnd.changeDate(of: year.name, phases: try await AccessCalendar.load(on: req.db).phases)
        guard req.clock.today <= changeDate else { return nil }
        guard case .hide(let days) = YearChangeRules.rule(.hideUnfiledInbox).action else { return nil }
        return MailPage.ChangeAhead(unfiled: unfiled, changeDate: changeDate, purgeDate: changeDate.adding(days: days),
                                    folderName: yearFolderName(year.name))
    }
}
