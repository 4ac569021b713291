import BasculeDomain
import BasculeStorage
import Vapor

/// `/favoris` (one's links: add, change, delete) and `/preferences` (what the pages read,
/// such as how many messages a page of the mailbox lists).
struct PersonalWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("favoris", use: favourites)
        routes.get("favoris", ":id", "suppression", use: confirmDeletion)
        routes.get("preferences", use: preferences)
        let forms = routes.grouped(CSRFMiddleware())
        forms.post("favoris", use: add)
        forms.post("favoris", ":id", use: update)
        forms.post("favoris", ":id", "suppression", use: delete)
        forms.post("preferences", use: savePreferences)
    }

    struct FavouriteForm: Content {
        var titre: String?
        var adresse: String?
    }

    func favourites(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let all = try await FavouriteStore(viewer: viewer, db: req.db).all()
        return PersonalPage.favourites(all, context: req.pageContext(viewer)).response()
    }

    func add(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let form = try req.content.decode(FavouriteForm.self)
        let store = FavouriteStore(viewer: viewer, db: req.db)
        do {
            let id = try await store.add(title: form.titre ?? "", url: form.adresse ?? "")
            return req.redirect(to: "/favoris#favori-\(id)", notice: "Favori « \(try await store.favourite(id).title) » ajouté.")
        } catch let refusal as ServiceError where refusal.status == .badRequest || refusal.status == .tooManyRequests {
            return PersonalPage.favourites(try await store.all(), typed: (form.titre ?? "", form.adresse ?? ""), error: refusal,
                                           context: req.pageContext(viewer)).response(status: refusal.status)
        }
    }

    func update(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.content.decode(FavouriteForm.self)
        let store = FavouriteStore(viewer: viewer, db: req.db)
        do {
            try await store.update(id, title: form.titre ?? "", url: form.adresse ?? "")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return PersonalPage.favourites(try await store.all(), editing: (id, form.titre ?? "", form.adresse ?? ""), error: refusal,
                                           context: req.pageContext(viewer)).response(status: .badRequest)
        }
        return req.redirect(to: "/favoris#favori-\(id)", notice: "Favori « \(try await store.favourite(id).title) » modifié.")
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let favourite = try await FavouriteStore(viewer: viewer, db: req.db).favourite(try req.parameters.require("id", as: Int.self))
        return ConfirmationPage.deletion(title: "Supprimer le favori « \(favourite.title) »\u{A0}?", explanation: favourite.url,
                                         action: "/favoris/\(favourite.id)/suppression", back: "/favoris",
                                         backLabel: "Non, revenir aux favoris", context: req.pageContext(viewer)).response()
    }

    func delete(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let store = FavouriteStore(viewer: viewer, db: req.db)
        let favourite = try await store.favourite(try req.parameters.require("id", as: Int.self))
        try await store.delete(favourite.id, files: req.files)
        return req.redirect(to: "/favoris", notice: "Favori « \(favourite.title) » supprimé.")
    }

    func preferences(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let store = PreferenceStore(viewer: viewer, db: req.db)
        var values: [PreferenceStore.Key: String] = [:]
        for key in PreferenceStore.Key.allCases { values[key] = try await store.value(key) }
        return PersonalPage.preferences(values, context: req.pageContext(viewer)).response()
    }

    func savePreferences(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let fields = try req.content.decode([String: String].self)
        let store = PreferenceStore(viewer: viewer, db: req.db)
        for key in PreferenceStore.Key.allCases {
            if let value = fields[key.rawValue] { try await store.set(key, to: value) }
        }
        return req.redirect(to: "/preferences", notice: "Préférences enregistrées.")
    }
}
