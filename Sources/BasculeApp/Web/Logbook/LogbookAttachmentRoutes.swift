import BasculeDomain
import BasculeStorage
import Vapor

/// `/cahier-de-textes/seances/{id}/documents`: the documents a teacher attaches to a session —
/// deposited by a streamed upload, downloaded sandboxed by whoever reads the session, deleted
/// after a confirmation.
struct LogbookAttachmentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let session = routes.grouped("cahier-de-textes", "seances", ":id", "documents")
        session.get(":document", use: download)
        session.get(":document", "suppression", use: confirmDeletion)
        // Streamed: who is asking is checked before the body is read, the form's token after.
        session.on(.POST, body: .stream, use: upload)
        session.grouped(CSRFMiddleware()).post(":document", "suppression", use: delete)
    }

    func download(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let attachment = try await LogbookStore(viewer: viewer, db: req.db)
            .attachment(try req.parameters.require("document", as: Int.self), of: id, in: establishment.id)
        return try await req.sandboxedDownload(sha256: attachment.sha256, name: attachment.name)
    }

    func upload(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let store = LogbookStore(viewer: viewer, db: req.db)
        try await store.checkMayAttach(to: id, in: establishment.id)
        let (_, deposit) = try await StreamedForm.deposit(req, maxBytes: BoxWebRoutes.maxBytes) { _, file in
            try await store.attach(file.upload, named: file.name, to: id, in: establishment.id, at: req.clock.now, files: req.files)
        }
        let back = LogbookSessionPage.path(uai: establishment.uai, id: id) + "#documents"
        return switch deposit {
        case .noFile: req.redirect(to: back, notice: "Choisissez d'abord les documents à joindre.")
        case .tooLarge(let reason): req.redirect(to: back, notice: reason)
        case .refused(let name, let reason, _): req.redirect(to: back, notice: "« \(name) » n'a pas été joint\u{A0}: \(reason.pageReason)")
        case .stored(let n): req.redirect(to: back, notice: "\(French.count(n, "document")) \(French.agreeing(n, "joint", "joints")) à la séance.")
        }
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let store = LogbookStore(viewer: viewer, db: req.db)
        let attachment = try await store.attachment(try req.parameters.require("document", as: Int.self), of: id, in: establishment.id)
        try await store.checkMayAttach(to: id, in: establishment.id)
        return ConfirmationPage.deletion(
            title: "Retirer le document « \(attachment.name) »\u{A0}?", explanation: "Les élèves et leurs parents ne le verront plus dans la séance.",
            action: "/cahier-de-textes/seances/\(id)/documents/\(attachment.id)/suppression?etablissement=\(establishment.uai)",
            back: LogbookSessionPage.path(uai: establishment.uai, id: id) + "#documents", backLabel: "Non, revenir à la séance",
            context: req.pageContext(viewer)).response()
    }

    func delete(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let store = LogbookStore(viewer: viewer, db: req.db)
        let attachment = try await store.attachment(try req.parameters.require("document", as: Int.self), of: id, in: establishment.id)
        try await store.deleteAttachment(attachment.id, of: id, in: establishment.id, files: req.files)
        return req.redirect(to: LogbookSessionPage.path(uai: establishment.uai, id: id) + "#documents",
                            notice: "Document « \(attachment.name) » retiré de la séance.")
    }

    private static func target(_ req: Request) throws -> (Viewer, (id: Int, uai: String, name: String), Int) {
        let (viewer, establishment) = try req.memberEstablishment()
        return (viewer, establishment, try req.parameters.require("id", as: Int.self))
    }
}
