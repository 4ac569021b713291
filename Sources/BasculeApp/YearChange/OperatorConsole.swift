import BasculeDomain
import BasculeStorage
import Vapor

/// `/console`: the operator's view of the région — establishments and their readiness, the
/// calendar phases, the plan, the run and the undo for one, several or all establishments,
/// followed live. Runs and undos go on in the background (the page reloads itself while one
/// is going); what they did is in the run journal and `year_change_launches`, so any instance
/// shows it.
struct OperatorConsole: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let console = routes.grouped("console")
        console.get(use: show)
        console.get("plan", use: plan)
        let forms = console.grouped(CSRFMiddleware())
        forms.post("changement", use: run)
        forms.post("annulation", use: undo)
        forms.post("calendrier", use: addPhase)
        forms.post("calendrier", ":id", "suppression", use: removePhase)
    }

    static let pageSize = 30

    static let operatorOnly = "La console est réservée à l'opérateur de la plateforme."

    func show(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        let from = try viewer.currentYear().name
        let engine = req.application.yearChange
        let filter = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let all = try await engine.establishments([]).filter {
            filter.isEmpty || $0.uai.lowercased().contains(filter) || $0.name.lowercased().contains(filter)
        }
        let pageNumber = max(1, req.query[Int.self, at: "page"] ?? 1)
        let shown = Array(all.dropFirst((pageNumber - 1) * Self.pageSize).prefix(Self.pageSize))
        let readiness = try await engine.readiness(from: from, uais: shown.map(\.uai))
        let launches = try await YearChangeLaunches(db: req.db).recent()
        let runs = try await engine.status()
        let missing = try await ImportConsole.nextYearMissing(viewer, req)
        return OperatorConsolePage(
            from: from, readiness: readiness, total: all.count, pageNumber: pageNumber, filter: filter,
            calendar: try await AccessCalendar.load(on: req.db), launches: launches, runs: runs,
            context: req.pageContext(viewer), now: req.clock.moment(), nextYearMissing: missing
        ).page().response()
    }

    struct Selection: Content {
        var uai: [String]?
        var portee: String?
        var confirme: String?
        var force: String?
    }

    /// The selected establishments (`portee=tous`: all of them, as an empty list).
    private func selection(_ req: Request) throws -> (Selection, [String])? {
        let selection = try req.content.decode(Selection.self)
        if selection.portee == "tous" { return (selection, []) }
        let uais = (selection.uai ?? []).filter { (try? UAI($0)) != nil }
        return uais.isEmpty ? nil : (selection, uais)
    }

    func plan(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        let uais = (req.query[[String].self, at: "uai"] ?? []).filter { (try? UAI($0)) != nil }
        guard !uais.isEmpty, uais.count <= 50 else {
            return req.redirect(to: "/console", notice: "Cochez de 1 à 50 établissements pour voir leur plan.")
        }
        let plans = try await engineCall {
            try await req.application.yearChange.plan(from: try viewer.currentYear().name, uais: uais, asOf: req.clock.today, listLimit: 0)
        }
        return OperatorConsolePage.plan(plans, context: req.pageContext(viewer)).response()
    }

    func run(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        guard let (selection, uais) = try selection(req) else {
            return req.redirect(to: "/console", notice: "Cochez au moins un établissement.")
        }
        let force = selection.force == "oui"
        let from = try viewer.currentYear().name
        guard selection.confirme == "oui" else {
            let who = uais.isEmpty ? "tous les établissements" : "\(French.count(uais.count, "établissement")) : \(uais.joined(separator: ", "))"
            return OperatorConsolePage.confirmation(
                title: force ? "Confirmer malgré la retenue" : "Lancer le changement d'année",
                message: "Le changement d'année \(from) → \(from.next) va s'appliquer à \(who). Il s'annule établissement par établissement jusqu'à la purge.",
                action: "/console/changement", fields: uais.map { ("uai[]", $0) } + (uais.isEmpty ? [("portee", "tous")] : [])
                    + (force ? [("force", "oui")] : []),
                button: "Oui, lancer le changement", context: req.pageContext(viewer)).response()
        }
        try await launch(req, kind: force ? .runConfirmed : .run, uais: uais, viewer: viewer)
        return req.redirect(to: "/console", notice: "Changement lancé ; le suivi se met à jour tout seul.")
    }

    func undo(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        guard let (selection, uais) = try selection(req), uais.count == 1 else {
            return req.redirect(to: "/console", notice: "L'annulation se fait pour un établissement à la fois.")
        }
        guard selection.confirme == "oui" else {
            return OperatorConsolePage.confirmation(
                title: "Annuler le changement de \(uais[0])",
                message: "Tout ce que le changement a fait dans l'établissement \(uais[0]) sera défait, à partir de son journal.",
                action: "/console/annulation", fields: [("uai[]", uais[0])], button: "Oui, annuler ce changement",
                context: req.pageContext(viewer)).response()
        }
        try await launch(req, kind: .undo, uais: uais, viewer: viewer)
        return req.redirect(to: "/console", notice: "Annulation lancée pour \(uais[0]).")
    }

    /// Starts a run or an undo in the background, one at a time for the whole platform.
    private func launch(_ req: Request, kind: YearChangeLaunchKind, uais: [String], viewer: Viewer) async throws {
        let app = req.application
        let from = try viewer.currentYear().name
        // The launch outlives the request: it works on the application's database.
        let launches = YearChangeLaunches(db: app.db)
        let id = try await launches.start(kind: kind, uais: uais, by: viewer.accountID, at: app.clock.now)
        Task.detached {
            do {
                let holder = "console \(id)"
                let outcome: String
                switch kind {
                case .undo:
                    let undone = try await app.yearChange.undo(uai: uais[0], holder: holder)
                    outcome = undone.rows == 1 ? "1 ligne rétablie" : "\(undone.rows) lignes rétablies"
                case .run, .runConfirmed:
                    var options = YearChangeEngine.Options(asOf: app.clock.today, confirm: kind == .runConfirmed)
                    options.holder = holder
                    let outcomes = try await app.yearChange.run(from: from, uais: uais, options: options)
                    let held = outcomes.filter { $0.state == .held }.count
                    let changed = outcomes.count - held
                    outcome = "\(French.count(changed, "établissement")) \(French.agreeing(changed, "changé", "changés")), "
                        + "\(held) \(French.agreeing(held, "retenu", "retenus"))"
                }
                try await launches.finish(id, at: app.clock.now, outcome: outcome, error: nil)
            } catch {
                app.logger.error("console launch \(id) failed: \(String(describing: error))")
                try? await launches.finish(id, at: app.clock.now, outcome: nil, error: String(describing: error))
            }
        }
    }

    struct PhaseForm: Content {
        let label: String
        let startsAt: String
        let endsAt: String
        let access: AccessCalendar.Access
        var liftFrom: String?
        var extendUntil: String?
    }

    func addPhase(req: Request) async throws -> Response {
        _ = try req.requireOperator(Self.operatorOnly)
        let form = try req.content.decode(PhaseForm.self)
        let blank: (String?) -> String? = { $0?.isEmpty == false ? $0 : nil }
        do {
            _ = try await CalendarStore(db: req.db).add(.init(
                id: 0, label: form.label, startsAt: form.startsAt, endsAt: form.endsAt, access: form.access,
                liftFrom: blank(form.liftFrom), extendUntil: blank(form.extendUntil)))
        } catch let failure as CalendarStore.Failure {
            return req.redirect(to: "/console#calendrier", notice: "Période non ajoutée : \(failure.description).")
        }
        return req.redirect(to: "/console#calendrier", notice: "Période « \(form.label) » ajoutée.")
    }

    func removePhase(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(Self.operatorOnly)
        let id = try req.parameters.require("id", as: Int.self)
        guard try req.content.decode(Selection.self).confirme == "oui" else {
            return OperatorConsolePage.confirmation(
                title: "Supprimer la période \(id)", message: "La période et les dates de blocage choisies par les établissements pour elle seront supprimées.",
                action: "/console/calendrier/\(id)/suppression", fields: [], button: "Oui, supprimer la période",
                context: req.pageContext(viewer)).response()
        }
        do {
            try await CalendarStore(db: req.db).remove(id)
        } catch let failure as CalendarStore.Failure {
            throw Abort(.notFound, reason: failure.description)
        }
        return req.redirect(to: "/console#calendrier", notice: "Période supprimée.")
    }
}
