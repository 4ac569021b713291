import BasculeDomain
import BasculeStorage
import Vapor

/// `/rubriques/{id}/dossiers/{dossier}/documents` and `/rubriques/{id}/documents/{document}`:
/// the documents of a section's shared folders — deposited by a streamed upload, downloaded
/// sandboxed, deleted after a confirmation.
struct SectionDocumentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sections = routes.grouped("rubriques")
        sections.get(":id", "documents", ":document", use: download)
        sections.get(":id", "documents", ":document", "suppression", use: confirmDeletion)
        // Streamed: who is asking is checked before the body is read, the form's token after.
        sections.on(.POST, ":id", "dossiers", ":folder", "documents", body: .stream, use: upload)
        sections.grouped(CSRFMiddleware()).post(":id", "documents", ":document", "suppression", use: delete)
    }

    func download(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let document = try await SectionStore(viewer: viewer, db: req.db)
            .document(try req.parameters.require("document", as: Int.self), in: id, establishmentID: establishment.id)
        return try await req.sandboxedDownload(sha256: document.sha256, name: document.name)
    }

    func upload(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let folderID = try req.parameters.require("folder", as: Int.self)
        try await SectionStore(viewer: viewer, db: req.db).checkMayDeposit(inFolder: folderID, of: id, establishmentID: establishment.id)
        let store = SectionStore(viewer: viewer, db: req.db)
        let (_, deposit) = try await StreamedForm.deposit(req, maxBytes: BoxWebRoutes.maxBytes) { _, file in
            try await store.addDocument(file.upload, named: file.name, toFolder: folderID, in: id, establishmentID: establishment.id,
                                        at: req.clock.now, files: req.files)
        }
        let back = SectionPage.path(uai: establishment.uai, id: id) + "#dossier-\(folderID)"
        return switch deposit {
        case .noFile: req.redirect(to: back, notice: "Choisissez d'abord les fichiers à déposer.")
        case .tooLarge(let reason): req.redirect(to: back, notice: reason)
        case .refused(let name, let reason, _): req.redirect(to: back, notice: "« \(name) » n'a pas été déposé\u{A0}: \(reason.pageReason)")
        case .stored(let n): req.redirect(to: back, notice: "\(French.count(n, "document")) \(French.agreeing(n, "déposé", "déposés")).")
        }
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let document = try await SectionStore(viewer: viewer, db: req.db)
            .document(try req.parameters.require("document", as: Int.self), in: id, establishmentID: establishment.id)
        return ConfirmationPage.deletion(
            title: "Supprimer le document « \(document.name) »\u{A0}?", explanation: "Il disparaîtra du dossier partagé pour tous ses lecteurs.",
            action: SectionPage.path(uai: establishment.uai, id: id, "/documents/\(document.id)/suppression"),
            back: SectionPage.path(uai: establishment.uai, id: id) + "#dossier-\(document.folder_id)",
            backLabel: "Non, revenir à la rubrique", context: req.pageContext(viewer)).response()
    }

    func delete(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let store = SectionStore(viewer: viewer, db: req.db)
        let document = try await store.document(try req.parameters.require("document", as: Int.self), in: id, establishmentID: establishment.id)
        try await store.deleteDocument(document.id, in: id, establishmentID: establishment.id, files: req.files)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id) + "#dossier-\(document.folder_id)",
                            notice: "Document « \(document.name) » supprimé.")
    }

    private static func target(_ req: Request) throws -> (Viewer, (id: Int, uai: String, name: String), Int) {
        let (viewer, establishment) = try req.memberEstablishment()
        return (viewer, establishment, try req.parameters.require("id", as: Int.self))
    }
}
