import BasculeDomain
import BasculeStorage
import Vapor

/// `/emploi-du-temps` for everyone, and the establishment's timetable page for its administrators.
struct TimetableWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("emploi-du-temps", use: week)
        let admin = routes.grouped("etablissements", ":uai", "emploi-du-temps")
        admin.get(use: settings)
        admin.get("imports", ":id", use: importReport)
        let forms = admin.grouped(CSRFMiddleware())
        forms.post("mode", use: changeMode)
        forms.post("garder", use: keepMemberships)
        forms.post("correspondances", use: setMapping)
    }

    func week(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let establishments: [(uai: String, name: String)] = if viewer.isOperator {
            try await DirectoryStore(viewer: viewer, db: req.db).establishments().map { ($0.uai.code, $0.name) }
        } else {
            viewer.establishments.map { ($0.uai, $0.name) }
        }
        let asked = req.query[String.self, at: "etablissement"]
        guard let uai = asked ?? establishments.first?.uai else {
            throw Abort(.notFound, reason: "Votre compte n'a de profil dans aucun établissement.")
        }
        let establishment = try await Establishment.find(uai: uai, on: req.db)
        let establishmentID = try establishment.requireID()
        let store = TimetableStore(viewer: viewer, db: req.db)
        let choices = try await store.choices(in: establishmentID)
        let target: TimetableTarget?
        if let text = req.query[String.self, at: "cible"] {
            guard let parsed = TimetablePage.target(text) else { throw Abort(.badRequest, reason: "Emploi du temps demandé inconnu.") }
            target = parsed
        } else {
            target = TimetablePage.defaultTarget(choices, viewerID: viewer.accountID)
        }
        let day = try Self.week(req.query[String.self, at: "semaine"], today: req.clock.today)
        let week: TimetableWeek? = if let target { try await store.week(of: target, in: establishmentID, containing: day) } else { nil }
        let selection = TimetablePage.Selection(establishments: establishments, uai: establishment.uai.code, choices: choices,
                                                target: target, viewerID: viewer.accountID)
        return TimetablePage.page(selection: selection, week: week, today: req.clock.today, context: req.pageContext(viewer)).response()
    }

    /// `semaine=YYYY-MM-DD` (any day of the week), today without one.
    static func week(_ text: String?, today: CalendarDate) throws -> CalendarDate {
        guard let text, !text.isEmpty else { return today }
        guard let date = try? CalendarDate(iso: text) else {
            throw Abort(.badRequest, reason: "Semaine\u{A0}: une date AAAA-MM-JJ est attendue.")
        }
        return date
    }

    func settings(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let establishmentID = try establishment.requireID()
        let store = TimetableStore(viewer: viewer, db: req.db)
        let changeDate = try await changeDate(viewer, establishmentID, req)
        let content = TimetableAdminPage.Content(
            uai: establishment.uai.code, name: establishment.name, overview: try await store.overview(of: establishmentID),
            history: try await store.history(of: establishmentID), mappings: try await store.mappings(of: establishmentID),
            endings: try await store.endingMemberships(in: establishmentID, before: changeDate), changeDate: changeDate)
        return TimetableAdminPage.page(content, context: req.pageContext(viewer)).response()
    }

    /// The date the year is expected to change, that memberships are measured against.
    private func changeDate(_ viewer: Viewer, _ establishmentID: Int, _ req: Request) async throws -> CalendarDate {
        guard let year = viewer.year(in: establishmentID) ?? viewer.year else { throw Viewer.Failure.noCurrentYear }
        return TimetableYearEnd.changeDate(of: year.name, phases: try await AccessCalendar.load(on: req.db).phases)
    }

    func importReport(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let id = req.parameters.get("id", as: Int.self)
        guard let entry = try await TimetableStore(viewer: viewer, db: req.db).history(of: establishment.requireID())
            .first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "Aucun import de l'emploi du temps ne porte ce numéro dans cet établissement.")
        }
        return TimetableAdminPage.report(entry, uai: establishment.uai.code, context: req.pageContext(viewer)).response()
    }

    struct ModeForm: Content {
        var mode: Int?
        var confirmer: String?
    }

    func changeMode(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let form = try req.content.decode(ModeForm.self)
        let uai = establishment.uai.code
        guard let mode = form.mode.flatMap(TimetableMode.init(number:)) else {
            return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps") + "#mode", notice: "Choisissez le mode 1, 2 ou 3.")
        }
        let store = TimetableStore(viewer: viewer, db: req.db)
        guard form.confirmer == "oui" else {
            let impact = try await store.modeChangeImpact(mode, in: establishment.requireID())
            return TimetableAdminPage.confirmation(mode, impact: impact, uai: uai, context: req.pageContext(viewer)).response()
        }
        try await store.setMode(mode, in: establishment.requireID())
        return req.redirect(to: EstablishmentPages.path(uai, "emploi-du-temps") + "#mode", notice: "Mode enregistré\u{A0}: \(mode.label).")
    }

    struct KeepForm: Content {
        var date: String?
    }

    func keepMemberships(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let back = EstablishmentPages.path(establishment.uai.code, "emploi-du-temps") + "#inscriptions"
        guard let date = try? CalendarDate(iso: try req.content.decode(KeepForm.self).date ?? "") else {
            return req.redirect(to: back, notice: "Indiquez une date.")
        }
        let kept = try await TimetableStore(viewer: viewer, db: req.db).keepMemberships(in: establishment.requireID(), until: date)
        return req.redirect(to: back, notice: "Inscriptions gardées jusqu'au \(French.date(date))\u{A0}: "
                            + "\(French.count(kept, "élève")) \(French.agreeing(kept, "concerné", "concernés")).")
    }

    struct MappingForm: Content {
        var kind: String?
        var source: String?
        var target: String?
        var ignorer: String?
    }

    func setMapping(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let form = try req.content.decode(MappingForm.self)
        let back = EstablishmentPages.path(establishment.uai.code, "emploi-du-temps") + "#correspondances"
        guard let kind = form.kind.flatMap(TimetableMappingKind.init(rawValue:)), let source = form.source else {
            throw Abort(.badRequest, reason: "Correspondance incomplète.")
        }
        let target = form.ignorer == "oui" ? nil : form.target?.trimmingCharacters(in: .whitespaces)
        if form.ignorer != "oui", target?.isEmpty ?? true {
            return req.redirect(to: back, notice: "Indiquez l'entrée de l'annuaire qui correspond, ou ignorez ce nom.")
        }
        try await TimetableStore(viewer: viewer, db: req.db)
            .setMapping(TimetableMapping(kind: kind, source: source, target: target), in: establishment.requireID())
        return req.redirect(to: back, notice: target == nil ? "« \(source) » sera ignoré aux prochains imports."
                                                            : "« \(source) » correspond désormais à « \(target!) ».")
    }
}
