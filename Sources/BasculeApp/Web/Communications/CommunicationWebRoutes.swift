import BasculeDomain
import BasculeStorage
import Vapor

/// `/communications`: the communications one received (shown on the home page until read),
/// and, for an establishment's administrators, the form that sends one and the history.
struct CommunicationWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let communications = routes.grouped("communications")
        communications.get(use: received)
        communications.get("nouvelle", use: compose)
        communications.get("historique", use: history)
        let forms = communications.grouped(CSRFMiddleware())
        forms.post(use: send)
        forms.post(":id", "lu", use: acknowledge)
    }

    static let perPage = 30

    func received(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let page = Self.page(req)
        let store = TargetedMessageStore(viewer: viewer, db: req.db)
        let messages = try await store.received(unreadOnly: false, limit: Self.perPage + 1, offset: (page - 1) * Self.perPage)
        let administered = viewer.establishments.filter { (try? store.checkMayWrite(in: $0.id)) != nil }.map { ($0.uai, $0.name) }
        return CommunicationPage.received(Array(messages.prefix(Self.perPage)), page: page, hasMore: messages.count > Self.perPage,
                                          administered: administered, context: req.pageContext(viewer)).response()
    }

    func compose(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        try TargetedMessageStore(viewer: viewer, db: req.db).checkMayWrite(in: establishment.id)
        return try await form(CommunicationPage.Draft(), viewer: viewer, establishment: establishment, req: req).response()
    }

    struct SendForm: Content {
        var titre: String?
        var texte: String?
        var destinataires: String?
        var classes: [Int]?
    }

    func send(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let sent = try req.content.decode(SendForm.self)
        let audience = sent.destinataires.flatMap(TargetedMessageStore.Audience.init(rawValue:))
        let draft = CommunicationPage.Draft(title: sent.titre ?? "", body: sent.texte ?? "", audience: audience ?? .parents,
                                            classes: sent.classes ?? [])
        guard audience != nil else {
            return try await form(draft, viewer: viewer, establishment: establishment, req: req,
                                  error: .invalid(field: "audience", reason: "choisissez les destinataires")).response(status: .badRequest)
        }
        do {
            let message = try await TargetedMessageStore(viewer: viewer, db: req.db).send(
                title: draft.title, body: draft.body, audience: draft.audience, classes: draft.classes, in: establishment.id, at: req.clock.now)
            return req.redirect(to: "/communications/historique?etablissement=\(establishment.uai)#communication-\(message.id)",
                                notice: "Communication envoyée à \(French.count(message.recipients, "destinataire")).")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return try await form(draft, viewer: viewer, establishment: establishment, req: req, error: refusal).response(status: .badRequest)
        }
    }

    private func form(_ draft: CommunicationPage.Draft, viewer: Viewer, establishment: (id: Int, uai: String, name: String), req: Request,
                      error: ServiceError? = nil) async throws -> Page {
        let classes = try await TimetableStore(viewer: viewer, db: req.db).choices(in: establishment.id).classes
        return CommunicationPage.compose(draft, uai: establishment.uai, name: establishment.name, classes: classes.map { ($0.id, $0.label) },
                                         error: error, context: req.pageContext(viewer))
    }

    func acknowledge(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        try await TargetedMessageStore(viewer: viewer, db: req.db).acknowledge(try req.parameters.require("id", as: Int.self), at: req.clock.now)
        return req.redirect(to: "/accueil#communications", notice: "Communication marquée comme lue.")
    }

    func history(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let page = Self.page(req)
        let history = try await TargetedMessageStore(viewer: viewer, db: req.db)
            .history(of: establishment.id, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let mayWrite = (try? TargetedMessageStore(viewer: viewer, db: req.db).checkMayWrite(in: establishment.id)) != nil
        return CommunicationPage.history(history.messages, total: history.total, page: page, perPage: Self.perPage,
                                         uai: establishment.uai, name: establishment.name, mayWrite: mayWrite,
                                         context: req.pageContext(viewer)).response()
    }

    /// The page asked for, within what a history may hold (a page far beyond would overflow).
    static func page(_ req: Request) -> Int {
        min(max(req.query[Int.self, at: "page"] ?? 1, 1), 100_000)
    }
}
