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
        box.get("fichiers", ":id", "suppression", use: confirmDocumentDeletion)
        box.get("dossiers", ":id", "suppression", use: confirmFolderDeletion)
        box.get("dossiers", ":id", "deplacement", use: moveFolderPage)
        box.get("fichiers", ":id", "deplacement", use: moveDocumentPage)
        // Streamed: who is asking is checked before the body is read, the form's token after.
        box.on(.POST, "fichiers", body: .stream, use: upload)
        let forms = box.grouped(CSRFMiddleware())
        forms.post("dossiers", use: createFolder)
        forms.post("dossiers", ":id", "nom", use: renameFolder)
        forms.post("dossiers", ":id", "deplacement", use: moveFolder)
        forms.post("dossiers", ":id", "suppression", use: deleteFolder)
        forms.post("fichiers", ":id", "nom", use: renameDocument)
        forms.post("fichiers", ":id", "deplacement", use: moveDocument)
        forms.post("fichiers", ":id", "suppression", use: deleteDocument)
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
        let path = FileStore(dataDirectory: req.application.configuration.dataDirectory).path(of: document.sha256)
        return ServiceAPI.sandboxed(try await req.fileio.asyncStreamFile(at: path), name: document.name, asImage: false)
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

    func renameFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        do {
            try await store.rename(folder: id, to: try req.content.decode(NameForm.self).nom ?? "")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: BoxPage.path(try await store.folder(id).parent_id) + "#dossier-\(id)",
                                notice: "Dossier non renommé\u{A0}: \(refusal.pageReason)")
        }
        let folder = try await store.folder(id)
        return req.redirect(to: BoxPage.path(folder.parent_id) + "#dossier-\(id)", notice: "Dossier renommé « \(folder.name) ».")
    }

    func moveFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        let destination = try Self.destination(req)
        do {
            try await store.move(folder: id, to: destination)
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: BoxPage.path(try await store.folder(id).parent_id) + "#dossier-\(id)", notice: refusal.pageReason)
        }
        return req.redirect(to: BoxPage.path(destination) + "#dossier-\(id)",
                            notice: "Dossier « \(try await store.folder(id).name) » déplacé ici.")
    }

    func renameDocument(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        do {
            try await store.rename(document: id, to: try req.content.decode(NameForm.self).nom ?? "")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return req.redirect(to: BoxPage.path(try await store.document(id).folder_id) + "#fichier-\(id)",
                                notice: "Fichier non renommé\u{A0}: \(refusal.pageReason)")
        }
        let document = try await store.document(id)
        return req.redirect(to: BoxPage.path(document.folder_id) + "#fichier-\(id)", notice: "Fichier renommé « \(document.name) ».")
    }

    func moveDocument(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        let destination = try Self.destination(req)
        try await store.move(document: id, to: destination)
        return req.redirect(to: BoxPage.path(destination) + "#fichier-\(id)",
                            notice: "Fichier « \(try await store.document(id).name) » déplacé ici.")
    }

    func moveFolderPage(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let folder = try await store.folder(try req.parameters.require("id", as: Int.self))
        return BoxPage.move(.folder(folder), from: folder.parent_id, folders: try await store.allFolders(), context: req.pageContext(viewer)).response()
    }

    func moveDocumentPage(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let document = try await store.document(try req.parameters.require("id", as: Int.self))
        return BoxPage.move(.document(document), from: document.folder_id, folders: try await store.allFolders(),
                            context: req.pageContext(viewer)).response()
    }

    func confirmFolderDeletion(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let folder = try await store.folder(try req.parameters.require("id", as: Int.self))
        let size = try await store.size(of: folder.id)
        return BoxPage.confirmDeletion(folder: folder, size: size, context: req.pageContext(viewer)).response()
    }

    func deleteFolder(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let folder = try await store.folder(try req.parameters.require("id", as: Int.self))
        try await store.delete(folder: folder.id, files: FileStore(dataDirectory: req.application.configuration.dataDirectory))
        return req.redirect(to: BoxPage.path(folder.parent_id), notice: "Dossier « \(folder.name) » supprimé.")
    }

    func confirmDocumentDeletion(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let document = try await store.document(try req.parameters.require("id", as: Int.self))
        return BoxPage.confirmDeletion(document: document, context: req.pageContext(viewer)).response()
    }

    func deleteDocument(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let document = try await store.document(try req.parameters.require("id", as: Int.self))
        try await store.delete(document: document.id, files: FileStore(dataDirectory: req.application.configuration.dataDirectory))
        return req.redirect(to: BoxPage.path(document.folder_id) + "#contenu-dossier", notice: "Fichier « \(document.name) » supprimé.")
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
