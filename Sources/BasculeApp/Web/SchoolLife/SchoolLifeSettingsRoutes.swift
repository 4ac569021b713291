import BasculeDomain
import BasculeStorage
import Vapor

/// `/vie-scolaire/parametres`: the school-life settings kept across years, read by the
/// personnel, written by the establishment's administrators.
struct SchoolLifeSettingsRoutes: RouteCollection {
    typealias List = SchoolLifeSettingsStore.List

    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("vie-scolaire", "parametres")
        settings.get(use: show)
        settings.get(":list", ":id", "suppression", use: confirmRemoval)
        let forms = settings.grouped(CSRFMiddleware())
        forms.post("appel", use: setRollCall)
        forms.post(":list", use: add)
        forms.post(":list", ":id", "suppression", use: remove)
    }

    private func list(_ req: Request) throws -> List {
        guard let list = SchoolLifeSettingsPage.list(slug: req.parameters.get("list") ?? "") else {
            throw Abort(.notFound, reason: "Cette liste de paramètres n'existe pas.")
        }
        return list
    }

    func show(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        guard viewer.isPersonnel(of: establishment.id) else {
            throw Abort(.forbidden, reason: "Les paramètres de la vie scolaire sont réservés aux personnels de l'établissement.")
        }
        let store = SchoolLifeSettingsStore(viewer: viewer, db: req.db)
        var lists: [(List, [SchoolLifeSettingsStore.Entry])] = []
        for list in List.allCases { lists.append((list, try await store.entries(list, in: establishment.id))) }
        return SchoolLifeSettingsPage.page(lists: lists, rollCall: try await store.rollCall(in: establishment.id),
                                           mayWrite: viewer.administers(establishment.id),
                                           menu: SchoolLifeMenu(viewer, establishmentID: establishment.id, uai: establishment.uai),
                                           context: req.pageContext(viewer)).response()
    }

    struct RollCallForm: Content {
        var delai: Int?
        var retard: Int?
        var prevenir: String?
    }

    func setRollCall(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let form = try req.content.decode(RollCallForm.self)
        try await SchoolLifeSettingsStore(viewer: viewer, db: req.db).setRollCall(
            .init(entry_deadline_minutes: form.delai ?? 0, late_after_minutes: form.retard ?? 0, notify_parents: form.prevenir == "1"),
            in: establishment.id)
        return req.redirect(to: SchoolLifeSettingsPage.path(uai: establishment.uai) + "#appel", notice: "Paramètres de l'appel enregistrés.")
    }

    struct AddForm: Content {
        var libelle: String?
        var code: String?
        var justifie: String?
    }

    func add(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let list = try list(req)
        let form = try req.content.decode(AddForm.self)
        try await SchoolLifeSettingsStore(viewer: viewer, db: req.db)
            .add(list, label: form.libelle ?? "", code: form.code, isJustified: form.justifie == "1", in: establishment.id)
        return req.redirect(to: SchoolLifeSettingsPage.path(uai: establishment.uai) + "#\(SchoolLifeSettingsPage.slug(list))",
                            notice: "« \(form.libelle ?? "") » figure désormais dans « \(SchoolLifeSettingsPage.title(list)) ».")
    }

    func confirmRemoval(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let list = try list(req)
        let store = SchoolLifeSettingsStore(viewer: viewer, db: req.db)
        try store.checkWritable(list, in: establishment.id)
        let entry = try await store.entry(list, id: try req.parameters.require("id", as: Int.self), in: establishment.id)
        return ConfirmationPage.deletion(
            title: "Supprimer « \(entry.label) »\u{A0}?",
            explanation: "« \(entry.label) » quitte la liste « \(SchoolLifeSettingsPage.title(list)) ». Les absences, punitions et sanctions qui portaient déjà ce libellé restent en place, sans lui.",
            action: SchoolLifeSettingsPage.path(list, id: entry.id, uai: establishment.uai, "/suppression"),
            back: SchoolLifeSettingsPage.path(uai: establishment.uai) + "#\(SchoolLifeSettingsPage.slug(list))",
            backLabel: "Non, revenir aux paramètres", context: req.pageContext(viewer)).response()
    }

    func remove(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let list = try list(req)
        let store = SchoolLifeSettingsStore(viewer: viewer, db: req.db)
        try store.checkWritable(list, in: establishment.id)
        let entry = try await store.entry(list, id: try req.parameters.require("id", as: Int.self), in: establishment.id)
        try await store.remove(list, id: entry.id, in: establishment.id, files: req.files)
        return req.redirect(to: SchoolLifeSettingsPage.path(uai: establishment.uai) + "#\(SchoolLifeSettingsPage.slug(list))",
                            notice: "« \(entry.label) » ne figure plus dans « \(SchoolLifeSettingsPage.title(list)) ».")
    }
}
