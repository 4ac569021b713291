import BasculeDomain
import BasculeStorage
import Vapor

/// `/porte-documents`: one's folders and files — upload, download, rename, move, delete — and
/// a ZIP of a folder or of the whole box. Everything here is the viewer's own (`BoxStore`).
struct BoxWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let box = routes.grouped("porte-documents")
        box.get(use: listing)
        box.get("zip", use: BoxExport.download)
        box.get("fichiers", ":id", use: download)
        // Streamed: who is asking is checked before the body is read, the form's token after.
        box.on(.POST, "fichiers", body: .stream, use: upload)
        let forms = box.grouped(CSRFMiddleware())
        forms.post("dossiers", use: createFolder)
        // A folder and a file are renamed, moved and deleted alike.
        for kind in Kind.allCases {
            box.get(.constant(kind.rawValue), ":id", "suppression") { try await confirmDeletion(kind, $0) }
            box.get(.constant(kind.rawValue), ":id", "deplacement") { try await movePage(kind, $0) }
            forms.post(.constant(kind.rawValue), ":id", "nom") { try await rename(kind, $0) }
            forms.post(.constant(kind.rawValue), ":id", "deplacement") { try await move(kind, $0) }
            forms.post(.constant(kind.rawValue), ":id", "suppression") { try await delete(kind, $0) }
        }
    }

    /// What a route's `:id` names: the path component before it.
    enum Kind: String, CaseIterable {
        case folder = "dossiers", document = "fichiers"
    }

    static var maxBytes: Int { ServiceAPI.maxUploadBytes }

    func listing(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let listing = try await store.listing(of: req.query[Int.self, at: "dossier"])
        return BoxPage.listing(listing, maxBytes: Self.maxBytes, context: req.pageContext(viewer)).response()
    }

    func download(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let document = try await store.document(try req.parameters.require("id", as: Int.self))
        return try await req.sandboxedDownload(sha256: document.sha256, name: document.name)
    }

    func upload(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        // The folder is in the address, known before the body: a refused sending comes back to it.
        let folderID = req.query[Int.self, at: "dossier"]
        let (_, deposit) = try await StreamedForm.deposit(req, maxBytes: Self.maxBytes) { _, file in
            _ = try await store.add(file.upload, named: file.name, in: folderID, at: req.clock.now, files: req.files)
        }
        let back = BoxPage.path(folderID)
        return switch deposit {
        case .noFile: req.redirect(to: back + "#envoi", notice: "Choisissez d'abord les fichiers à déposer.")
        case .tooLarge(let reason): req.redirect(to: back + "#envoi", notice: reason)
        case .refused(let name, let reason, let stored):
            req.redirect(to: back + "#envoi", notice: "« \(name) » n'a pas été déposé\u{A0}: \(reason.pageReason)"
                         + (stored > 0 ? " \(French.count(stored, "fichier")) \(French.agreeing(stored, "a", "ont")) été \(French.agreeing(stored, "déposé", "déposés")) avant lui." : ""))
        case .stored(let n): req.redirect(to: back + "#contenu-dossier", notice: "\(French.count(n, "fichier")) \(French.agreeing(n, "déposé", "déposés")).")
        }
    }

    struct NameForm: Content {
        var nom: String?
        var parent: Int?
    }

    struct MoveForm: Content {
        /// A folder's id, or « racine » for the top of the box.
        var destination: String?
    }

    func createFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let form = try req.content.decode(NameForm.self)
        let id: Int
        do {
            id = try await store.createFolder(named: form.nom ?? "", in: form.parent)
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: BoxPage.path(form.parent) + "#nouveau-dossier", notice: "Dossier non créé\u{A0}: \(refusal.pageReason)")
        }
        return req.redirect(to: BoxPage.path(form.parent) + "#dossier-\(id)",
                            notice: "Dossier « \(try await store.folder(id).name) » créé.")
    }

    /// The folder or the file a route names, if it is the viewer's.
    static func item(_ kind: Kind, _ req: Request, _ store: BoxStore) async throws -> BoxPage.Item {
        let id = try req.parameters.require("id", as: Int.self)
        return switch kind {
        case .folder: .folder(try await store.folder(id))
        case .document: .document(try await store.document(id))
        }
    }

    func rename(_ kind: Kind, _ req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let item = try await Self.item(kind, req, store)
        let name = try req.content.decode(NameForm.self).nom ?? ""
        do {
            switch item {
            case .folder(let folder): try await store.rename(folder: folder.id, to: name)
            case .document(let document): try await store.rename(document: document.id, to: name)
            }
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: item.place, notice: "\(item.label) non renommé\u{A0}: \(refusal.pageReason)")
        }
        let renamed = try await Self.item(kind, req, store)
        return req.redirect(to: renamed.place, notice: "\(item.label) renommé « \(renamed.name) ».")
    }

    func movePage(_ kind: Kind, _ req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let item = try await Self.item(kind, req, store)
        return BoxPage.move(item, from: item.container, folders: try await store.allFolders(), context: req.pageContext(viewer)).response()
    }

    func move(_ kind: Kind, _ req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let item = try await Self.item(kind, req, store)
        let destination = try Self.destination(req)
        do {
            switch item {
            case .folder(let folder): try await store.move(folder: folder.id, to: destination)
            case .document(let document): try await store.move(document: document.id, to: destination)
            }
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: item.place, notice: refusal.pageReason)
        }
        return req.redirect(to: try await Self.item(kind, req, store).place, notice: "\(item.label) « \(item.name) » déplacé ici.")
    }

    func confirmDeletion(_ kind: Kind, _ req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let page = switch try await Self.item(kind, req, store) {
        case .folder(let folder): BoxPage.confirmDeletion(folder: folder, size: try await store.size(of: folder.id), context: req.pageContext(viewer))
        case .document(let document): BoxPage.confirmDeletion(document: document, context: req.pageContext(viewer))
        }
        return page.response()
    }

    func delete(_ kind: Kind, _ req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let item = try await Self.item(kind, req, store)
        switch item {
        case .folder(let folder): try await store.delete(folder: folder.id, files: req.files)
        case .document(let document): try await store.delete(document: document.id, files: req.files)
        }
        return req.redirect(to: BoxPage.path(item.container) + "#contenu-dossier", notice: "\(item.label) « \(item.name) » supprimé.")
    }

    static func store(_ req: Request) throws -> (Viewer, BoxStore) {
        let viewer = try req.viewer()
        return (viewer, BoxStore(viewer: viewer, db: req.db))
    }

    static func destination(_ req: Request) throws -> Int? {
        let destination = try req.content.decode(MoveForm.self).destination ?? ""
        if destination == BoxPage.top { return nil }
        guard let id = Int(destination) else { throw ServiceError.invalid(field: "folder_id", reason: "choisissez un dossier") }
        return id
    }
}
