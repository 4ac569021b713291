import BasculeDomain
import BasculeStorage
import Vapor

/// The French pages: login, home per profile, public page of an establishment.
struct WebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in
            req.auth.has(Account.self) ? req.redirect(to: "/accueil") : req.redirect(to: "/connexion")
        }
        routes.get("bascule.css") { _ in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return Response(status: .ok, headers: headers, body: .init(string: Page.css))
        }
        routes.get("connexion") { req in
            LoginPage.render(error: nil, login: "", status: .ok,
                             notices: try await AccessCalendar.load(on: req.db).notices(at: req.clock.now),
                             next: req.query[String.self, at: "suite"])
        }
        routes.post("connexion", use: logIn)
        routes.grouped(CSRFMiddleware()).post("deconnexion", use: logOut)
        routes.get("accueil", use: home)
        routes.get("etablissements", ":uai", use: publicEstablishment)
        try routes.register(collection: TimetableWebRoutes())
        try routes.register(collection: LogbookWebRoutes())
        try routes.register(collection: LogbookBrowseRoutes())
        try routes.register(collection: LogbookAttachmentRoutes())
        try routes.register(collection: SectionWebRoutes())
        try routes.register(collection: SectionDocumentRoutes())
        try routes.register(collection: LiaisonWebRoutes())
        try routes.register(collection: SchoolLifeWebRoutes())
        try routes.register(collection: SchoolLifeSettingsRoutes())
        try routes.register(collection: MailWebRoutes())
        try routes.register(collection: TimetableUploadRoutes())
        try routes.register(collection: BoxWebRoutes())
        try routes.register(collection: AgendaWebRoutes())
        try routes.register(collection: CommunicationWebRoutes())
        try routes.register(collection: FormWebRoutes())
        try routes.register(collection: PersonalWebRoutes())
    }

    struct LoginForm: Content {
        let login: String
        let password: String
        var suite: String?
    }

    func logIn(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let verified: Account?
        do {
            verified = try await Authentication.verify(login: form.login, password: form.password, on: req)
        } catch let refusal as LoginThrottle.Refusal {
            return LoginPage.render(error: refusal.reason, login: form.login, status: refusal.status, next: form.suite)
                .adding(refusal.headers)
        }
        guard let account = verified else {
            return LoginPage.render(error: "Identifiant ou mot de passe incorrect.", login: form.login, status: .unauthorized,
                                    next: form.suite)
        }
        do {
            try await Authentication.startSession(for: account, on: req)
        } catch let closed as AccessClosed {
            return LoginPage.render(error: closed.reason, login: form.login, status: closed.status, next: form.suite)
        }
        return req.redirect(to: form.suite.flatMap(LoginPage.safeNext) ?? "/accueil")
    }

    func logOut(req: Request) async throws -> Response {
        req.auth.logout(Account.self)
        req.session.destroy()
        return req.redirect(to: "/connexion")
    }

    func home(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let sections = try await HomePage.sections(for: viewer, db: req.db)
        let personal = HomePage.Personal(
            communications: try await TargetedMessageStore(viewer: viewer, db: req.db).received(unreadOnly: true, limit: 10),
            favourites: try await FavouriteStore(viewer: viewer, db: req.db).all())
        return HomePage.page(viewer: viewer, sections: sections, personal: personal, context: req.pageContext(viewer)).response()
    }

    func publicEstablishment(req: Request) async throws -> Response {
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        let queries = DirectoryQueries(db: req.db)
        var classCount = 0
        if let year = try await queries.year(of: establishment.requireID()) {
            classCount = try await queries.classes(of: establishment.requireID(), yearID: year.id).count
        }
        let publications = try await SectionStore.onPublicSite(of: establishment.requireID(), on: req.db)
        return PublicEstablishmentPage.page(establishment, classCount: classCount, publications: publications,
                                            context: req.auth.get(Account.self).map { req.pageContext(name: $0.displayName) }).response()
    }
}
