import BasculeDomain
import BasculeStorage
import Vapor

/// `/rubriques`: the sections' tree, a section's page, its settings and roles, its publications
/// and shared folders.
struct SectionWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sections = routes.grouped("rubriques")
        sections.get(use: tree)
        sections.get(":id", use: section)
        sections.get(":id", "parametres", use: settings)
        sections.get(":id", "publications", ":publication", "suppression", use: confirmPublicationDeletion)
        let forms = sections.grouped(CSRFMiddleware())
        forms.post(use: create)
        forms.post(":id", "parametres", use: saveSettings)
        forms.post(":id", "publications", use: publish)
        forms.post(":id", "publications", ":publication", "suppression", use: deletePublication)
        forms.post(":id", "roles", use: addRole)
        forms.post(":id", "roles", ":role", "suppression", use: removeRole)
        forms.post(":id", "dossiers", use: createFolder)
    }

    func tree(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let sections = try await SectionStore(viewer: viewer, db: req.db).tree(in: establishment.id)
        return SectionPage.tree(sections, uai: establishment.uai, administers: viewer.administers(establishment.id),
                                context: req.pageContext(viewer)).response()
    }

    func section(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let detail = try await SectionStore(viewer: viewer, db: req.db).section(id: id, in: establishment.id)
        return SectionPage.section(detail, uai: establishment.uai, context: req.pageContext(viewer)).response()
    }

    func settings(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let detail = try await SectionStore(viewer: viewer, db: req.db).section(id: id, in: establishment.id)
        guard detail.canManage else {
            throw Abort(.forbidden, reason: "Seuls les gestionnaires de la rubrique et les administrateurs de l'établissement en changent les paramètres et les rôles.")
        }
        return SectionPage.settings(detail, uai: establishment.uai, context: req.pageContext(viewer)).response()
    }

    struct SectionForm: Content {
        var titre: String?
        var parent: Int?
        var temporaire: String?
    }

    func create(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let form = try req.content.decode(SectionForm.self)
        let id = try await SectionStore(viewer: viewer, db: req.db)
            .create(title: form.titre ?? "", parentID: form.parent, isTemporary: form.temporaire == "oui", in: establishment.id,
                    today: req.clock.today)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id), notice: "Rubrique créée.")
    }

    func saveSettings(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let form = try req.content.decode(SectionForm.self)
        try await SectionStore(viewer: viewer, db: req.db)
            .updateSettings(id: id, title: form.titre ?? "", isTemporary: form.temporaire == "oui", in: establishment.id)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id, "/parametres") + "#parametres",
                            notice: form.temporaire == "oui" ? "Paramètres enregistrés\u{A0}: la rubrique est temporaire."
                                                             : "Paramètres enregistrés\u{A0}: la rubrique sera gardée au changement d'année.")
    }

    struct PublicationForm: Content {
        var titre: String?
        var texte: String?
        var accueil: String?
        var site_public: String?
    }

    func publish(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let form = try req.content.decode(PublicationForm.self)
        _ = try await SectionStore(viewer: viewer, db: req.db).publish(
            in: id, establishmentID: establishment.id, title: form.titre ?? "", body: form.texte ?? "",
            onHomePage: form.accueil == "oui", onPublicSite: form.site_public == "oui", today: req.clock.today)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id) + "#publier", notice: "Publication enregistrée.")
    }

    func confirmPublicationDeletion(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let publicationID = try req.parameters.require("publication", as: Int.self)
        let detail = try await SectionStore(viewer: viewer, db: req.db).section(id: id, in: establishment.id)
        guard let publication = detail.publications.first(where: { $0.id == publicationID }) else {
            throw Abort(.notFound, reason: "Cette publication n'existe pas dans cette rubrique.")
        }
        return SectionPage.confirmPublicationDeletion(publication, uai: establishment.uai, sectionID: id, context: req.pageContext(viewer)).response()
    }

    func deletePublication(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        try await SectionStore(viewer: viewer, db: req.db).deletePublication(
            try req.parameters.require("publication", as: Int.self), in: id, establishmentID: establishment.id, files: req.files)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id), notice: "Publication supprimée.")
    }

    struct RoleForm: Content {
        var identifiant: String?
        var role: String?
    }

    func addRole(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(SectionRole.init(rawValue:)) else { throw Abort(.badRequest, reason: "Rôle inconnu.") }
        let back = SectionPage.path(uai: establishment.uai, id: id, "/parametres") + "#roles"
        do {
            try await SectionStore(viewer: viewer, db: req.db)
                .addRole(role, login: form.identifiant?.trimmingCharacters(in: .whitespaces) ?? "", in: id, establishmentID: establishment.id)
        } catch ServiceError.invalid(field: "login", let reason) {
            return req.redirect(to: back, notice: "Rôle non donné\u{A0}: \(reason).")
        }
        return req.redirect(to: back, notice: "Rôle donné.")
    }

    func removeRole(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        try await SectionStore(viewer: viewer, db: req.db).removeRole(
            try req.parameters.require("role", as: Int.self), in: id, establishmentID: establishment.id, files: req.files)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id, "/parametres") + "#roles", notice: "Rôle retiré.")
    }

    struct FolderForm: Content {
        var nom: String?
    }

    func createFolder(req: Request) async throws -> Response {
        let (viewer, establishment, id) = try Self.target(req)
        try await SectionStore(viewer: viewer, db: req.db)
            .createFolder(named: try req.content.decode(FolderForm.self).nom ?? "", in: id, establishmentID: establishment.id)
        return req.redirect(to: SectionPage.path(uai: establishment.uai, id: id), notice: "Dossier partagé créé.")
    }

    private static func target(_ req: Request) throws -> (Viewer, (id: Int, uai: String, name: String), Int) {
        let (viewer, establishment) = try req.memberEstablishment()
        return (viewer, establishment, try req.parameters.require("id", as: Int.self))
    }
}
