import BasculeDomain
import BasculeStorage
import Vapor

/// `/console/imports`, for the operator: the platform's import history, the upload of an
/// export (a ZIP of its files: dry run first, then apply), and the confirmation of what is held,
/// uploaded or in the drop folder. Establishments' administrators keep `…/imports`.
struct ImportConsole: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("console", "imports")
        imports.get(use: show)
        // Streamed to disk, so that the operator is checked before the body is read; the token after.
        imports.on(.POST, "envoi", body: .stream, use: upload)
        let forms = imports.grouped(CSRFMiddleware())
        forms.post("envoi", ":id", "application", use: apply)
        forms.post("depot", ":name", "confirmation", use: confirmDelivery)
    }

    static let operatorOnly = "Les imports de la plateforme sont réservés à son opérateur."
    static let path = "/console/imports"
    static let noFile = "Choisissez l'archive ZIP de l'export à envoyer."

    func show(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        let runs = try await ImportHistoryStore(db: req.db).platformRuns(by: viewer)
        let held = try req.application.feedInbox.map { inbox in try inbox.heldNames().map { ($0, inbox.heldReport($0)) } }
        return ImportConsolePage(runs: runs, held: held, nextYearMissing: try await ImportConsole.nextYearMissing(viewer, req),
                                 context: req.pageContext(viewer)).page().response()
    }

    func upload(req: Request) async throws -> Response {
        let viewer: Viewer
        do { viewer = try req.requireOperator(Self.operatorOnly) } catch let abort as any AbortError where abort.status == .unauthorized {
            throw Abort(.forbidden, reason: Self.operatorOnly)
        }
        guard req.headers.contentType?.type == "multipart" else {
            _ = try await req.body.collect(max: 16 << 10).get()
            try CSRF.check(req)
            return req.redirect(to: Self.path, notice: Self.noFile)
        }
        let uploads = AAFUploads(dataDirectory: req.application.configuration.dataDirectory)
        let (id, folder) = try uploads.create(now: Date())
        do {
            let zip = folder.appendingPathComponent("envoi.zip")
            let received = try await AAFZipUpload.receive(req, to: zip)
            try CSRF.check(req, sent: received.token)
            guard received.bytes > 0 else {
                uploads.remove(id)
                return req.redirect(to: Self.path, notice: Self.noFile)
            }
            let unpacked = try AAFZipUpload.unpack(zip, shownName: received.fileName, into: folder)
            try FileManager.default.removeItem(at: zip)
            let report = try await lockCall {
                try await AAFDelivery.run(folder: unpacked.folder.path, options: .init(dryRun: true), db: req.db, clock: req.clock)
            }
            return ImportConsolePage.dryRun(report, upload: id, unpacked: unpacked, context: req.pageContext(viewer)).response()
        } catch let refusal as AAFDelivery.Refusal {
            uploads.remove(id)
            return ImportConsolePage.refused(refusal, context: req.pageContext(viewer)).response(status: .unprocessableEntity)
        } catch {
            uploads.remove(id)
            throw error
        }
    }

    func apply(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        let id = try req.parameters.require("id")
        let uploads = AAFUploads(dataDirectory: req.application.configuration.dataDirectory)
        guard let folder = uploads.exportFolder(id) else {
            throw Abort(.notFound, reason: "Cet envoi n'existe plus\u{A0}: envoyez l'archive à nouveau.")
        }
        let confirm = (try? req.content.get(String.self, at: "departs")) == "confirmes"
        do {
            let report = try await lockCall {
                try await AAFDelivery.run(folder: folder.path, options: .init(confirmDepartures: confirm), db: req.db, clock: req.clock)
            }
            if AAFDelivery.isHeld(report) {
                return ImportConsolePage.held(report, upload: id, context: req.pageContext(viewer)).response()
            }
            uploads.remove(id)
            return req.redirect(to: Self.path, notice: "Import n°\u{A0}\(report.runID) appliqué à l'année \(report.year).")
        } catch let refusal as AAFDelivery.Refusal {
            uploads.remove(id)
            return ImportConsolePage.refused(refusal, context: req.pageContext(viewer)).response(status: .unprocessableEntity)
        }
    }

    func confirmDelivery(req: Request) async throws -> Response {
        _ = try req.requireOperator(Self.operatorOnly)
        guard let inbox = req.application.feedInbox else {
            throw Abort(.notFound, reason: "Aucune boîte de dépôt n'est configurée (BASCULE_AAF_INBOX).")
        }
        let name = try req.parameters.require("name")
        guard let outcome = try await lockCall({ try await inbox.confirm(name) }) else {
            throw Abort(.notFound, reason: "Aucun export retenu de ce nom dans la boîte de dépôt.")
        }
        let notice = switch outcome {
        case .imported(let name): "Export « \(name) » importé, départs confirmés\u{A0}; il est rangé dans imported/."
        case .held(let name): "Export « \(name) » encore retenu."
        case .refused(let name): "Export « \(name) » refusé\u{A0}: son rapport est dans refused/."
        }
        return req.redirect(to: Self.path, notice: French.typeset(notice))
    }

    /// Whether next year's directory is still to import: the console and the year-change
    /// pages warn, since the change would hold on it (the Moodle categories, say).
    static func nextYearMissing(_ viewer: Viewer, _ req: Request) async throws -> SchoolYearName? {
        guard let current = try? viewer.currentYear().name else { return nil }
        return try await ImportHistoryStore(db: req.db).hasAppliedImport(into: current.next, full: true) ? nil : current.next
    }
}

/// Another import or scan running is the operator's to wait for: 409.
private func lockCall<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as DatabaseLock.Failure {
        throw Abort(.conflict, reason: French.typeset("Un import est déjà en cours : \(failure.description). Réessayez dans quelques minutes."))
    }
}
