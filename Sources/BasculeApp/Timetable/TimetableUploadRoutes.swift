import BasculeDomain
import BasculeStorage
import Foundation
import Plot
import Vapor

/// The administrator's import of a timetable file from the establishment's pages: the file is
/// streamed to a folder named by an id the server drew, imported as a dry run whose report is
/// shown, then applied from that report (or dropped). The operator may do it for any
/// establishment, and import a file of another UAI.
struct TimetableUploadRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("etablissements", ":uai", "emploi-du-temps", "import")
        imports.get(use: form)
        // Streamed to disk, so that the administrator is checked before the body is read; the token after.
        imports.on(.POST, body: .stream, use: upload)
        imports.grouped(CSRFMiddleware()).post(":id", "application", use: apply)
    }

    static let noFile = "Choisissez le fichier de l'emploi du temps à envoyer."

    func form(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        return TimetableUploadPage.form(uai: establishment.uai.code, name: establishment.name,
                                        context: req.pageContext(viewer)).response()
    }

    func upload(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let uai = establishment.uai.code
        guard req.headers.contentType?.type == "multipart" else {
            _ = try await req.body.collect(max: 16 << 10).get()
            try CSRF.check(req)
            return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps/import"), notice: Self.noFile)
        }
        let uploads = AAFUploads(dataDirectory: req.application.configuration.dataDirectory, folder: "edt-envois")
        let (id, folder) = try uploads.create(now: Date())
        do {
            let file = folder.appendingPathComponent("export")
            let received = try await AAFZipUpload.receive(req, to: file)
            try CSRF.check(req, sent: received.token)
            guard received.bytes > 0 else {
                uploads.remove(id)
                return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps/import"), notice: Self.noFile)
            }
            try received.fileName.write(to: folder.appendingPathComponent("nom"), atomically: true, encoding: .utf8)
            try uai.write(to: folder.appendingPathComponent("etablissement"), atomically: true, encoding: .utf8)
            let report = try await importing(file, named: received.fileName, uai: uai, dryRun: true, req: req, viewer: viewer)
            return TimetableUploadPage.dryRun(report, upload: id, uai: uai, context: req.pageContext(viewer)).response()
        } catch let refusal as TimetableImportError {
            uploads.remove(id)
            return TimetableUploadPage.refused(refusal.description, uai: uai, context: req.pageContext(viewer))
                .response(status: refusal.status)
        } catch {
            uploads.remove(id)
            throw error
        }
    }

    func apply(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let uai = establishment.uai.code
        let uploads = AAFUploads(dataDirectory: req.application.configuration.dataDirectory, folder: "edt-envois")
        let id = try req.parameters.require("id")
        // An upload belongs to the establishment it was sent for: another's id is not found here.
        guard let folder = uploads.folder(id), FileManager.default.fileExists(atPath: folder.appendingPathComponent("export").path),
              (try? String(contentsOf: folder.appendingPathComponent("etablissement"), encoding: .utf8)) == uai
        else { throw Abort(.notFound, reason: "Cet envoi n'existe plus\u{A0}: envoyez le fichier à nouveau.") }
        defer { uploads.remove(id) }
        let name = (try? String(contentsOf: folder.appendingPathComponent("nom"), encoding: .utf8)) ?? "export"
        do {
            _ = try await importing(folder.appendingPathComponent("export"), named: name, uai: uai, dryRun: false, req: req,
                                    viewer: viewer)
        } catch let refusal as TimetableImportError {
            return TimetableUploadPage.refused(refusal.description, uai: uai, context: req.pageContext(viewer))
                .response(status: refusal.status)
        }
        guard let entry = try await TimetableStore(viewer: viewer, db: req.db).history(of: establishment.requireID()).first
        else { return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps"), notice: "Emploi du temps importé.") }
        return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps/imports/\(entry.id)"), notice: "Emploi du temps importé.")
    }

    /// The year is the establishment's own (the next one once its change is done).
    private func importing(_ file: URL, named name: String, uai: String, dryRun: Bool, req: Request,
                           viewer: Viewer) async throws -> TimetableImportReport {
        let establishmentID = try await Establishment.find(uai: uai, on: req.db).requireID()
        guard let year = viewer.year(in: establishmentID) ?? viewer.year else { throw Viewer.Failure.noCurrentYear }
        let request = TimetableImports.Request(file: file, displayName: name, companion: nil, uai: uai, year: year.name,
                                               mode: nil, isDryRun: dryRun, acceptsOtherUAI: viewer.isOperator)
        return try await TimetableImports(app: req.application).run(request, by: viewer)
    }
}
