import BasculeDomain
import BasculeStorage
import Vapor

/// The establishment's year-change dashboard and its actions: keep what the change would
/// remove, tell the holders of unfiled inboxes, export what must be kept.
struct YearChangeWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let dashboard = routes.grouped("etablissements", ":uai", "changement-d-annee")
        dashboard.get(use: show)
        let forms = dashboard.grouped(CSRFMiddleware())
        forms.post("conserver", ":item", use: keep)
        forms.post("prevenir", use: notify)
        forms.post("export", use: export)
    }

    func show(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let from = try viewer.currentYear().name
        let engine = req.application.yearChange
        let plan = try await engine.plan(from: from, uais: [establishment.uai.code], asOf: req.clock.today,
                                        listLimit: YearChangeDashboardPage.listLimit)[0]
        let run = try await engine.status().first { $0.uai == establishment.uai.code && $0.state != .undone }
        let calendar = try await AccessCalendar.load(on: req.db)
        let missing = plan.state == "done" ? nil : try await ImportConsole.nextYearMissing(viewer, req)
        return YearChangeDashboardPage.page(plan: plan, run: run, from: from, calendar: calendar, now: req.clock.now,
                                            nextYearMissing: missing.map { ($0, viewer.isOperator) },
                                            context: req.pageContext(viewer)).response()
    }

    struct Selection: Content {
        var ids: [Int]?
        /// `tous` for every row the item lists, `selection` for the ticked ones.
        var portee: String?
    }

    func keep(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let item = YearChangeChecklistItem(rawValue: req.parameters.get("item") ?? "")
        guard let action = item.flatMap(YearChangeEngine.ChecklistAction.init(item:)) else {
            throw Abort(.notFound, reason: "Action inconnue.")
        }
        let selection = try req.content.decode(Selection.self)
        let ids = selection.portee == "tous" ? nil : (selection.ids ?? [])
        let back = EstablishmentPages.path(establishment.uai.code) + "#\(action.item.rawValue)"
        if ids?.isEmpty == true { return req.redirect(to: back, notice: "Cochez au moins une ligne.") }
        let changed = try await engineCall {
            try await req.application.yearChange.apply(action, uai: establishment.uai.code, from: try viewer.currentYear().name, ids: ids)
        }
        let done = switch action {
        case .keepGroups:
            "\(French.count(changed, "groupe")) \(French.agreeing(changed, "passé", "passés")) en « Non limitée » : "
                + French.agreeing(changed, "il sera conservé.", "ils seront conservés.")
        case .keepAccounts:
            "\(French.count(changed, "compte")) \(French.agreeing(changed, "rendu pérenne\u{A0}: il sera conservé.", "rendus pérennes\u{A0}: ils seront conservés."))"
        case .keepSections:
            "\(French.count(changed, "rubrique")) \(French.agreeing(changed, "n'est plus temporaire\u{A0}: elle restera en place.", "ne sont plus temporaires\u{A0}: elles resteront en place."))"
        }
        return req.redirect(to: back, notice: done)
    }

    func notify(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let from = try viewer.currentYear().name
        let reached = try await engineCall {
            try await req.application.yearChange.notifyUnfiledInbox(
                uai: establishment.uai.code, from: from, sender: viewer.accountID, at: req.clock.now,
                subject: "Changement d'année : classez vos messages",
                body: """
                    Bonjour,
                    Au changement d'année \(from) → \(from.next), les messages laissés dans la boîte de réception sans être classés seront supprimés.
                    Rangez dans un de vos dossiers personnels ceux que vous voulez garder.
                    \(establishment.name)
                    """)
        }
        return req.redirect(to: EstablishmentPages.path(establishment.uai.code) + "#" + YearChangeChecklistItem.unfiledInbox.rawValue,
                            notice: "\(French.count(reached, "personne")) \(French.agreeing(reached, "prévenue", "prévenues")) par la messagerie.")
    }

    /// The ZIP, written to a temporary file then streamed; the export is recorded with the
    /// fingerprint of what it held, which ticks the checklist's export items.
    func export(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let from = try viewer.currentYear().name
        let engine = req.application.yearChange
        let uai = establishment.uai.code
        let export = EstablishmentExport(db: req.db, files: engine.files, establishmentID: try establishment.requireID(),
                                         yearID: try viewer.currentYear().id, moodleCategories: try await engineCall { try await engine.leavingTeacherCategories(uai: uai, from: from) })
        let folder = URL(fileURLWithPath: req.application.configuration.dataDirectory).appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("export-\(UUID().uuidString).zip")
        do {
            _ = try await export.writeZip(to: file, title: "\(establishment.name) (\(uai)) — données de l'année \(from)")
            try await engine.recordExport(uai: uai, from: from, by: viewer.accountID, at: req.clock.now)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let response = try await req.fileio.asyncStreamFile(at: file.path, mediaType: .zip) { _ in
            try? FileManager.default.removeItem(at: file)
        }
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"bascule-\(uai)-\(from).zip\"")
        return response
    }

}

/// The engine's refusals are the client's: 404 for what does not exist, 409 otherwise.
func engineCall<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as YearChangeEngine.Failure {
        switch failure {
        case .unknownYear, .unknownEstablishment, .nothingToUndo: throw Abort(.notFound, reason: failure.description)
        default: throw Abort(.conflict, reason: failure.description)
        }
    } catch let failure as DatabaseLock.Failure {
        throw Abort(.conflict, reason: failure.description)
    }
}
