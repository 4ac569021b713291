import BasculeDomain
import BasculeStorage
import Vapor

/// `/carnet-de-liaison`: the conversations, one conversation, its printable version, and the
/// forms that start one or reply.
struct LiaisonWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let liaison = routes.grouped("carnet-de-liaison")
        liaison.get(use: list)
        liaison.get(":id", use: conversation)
        liaison.get(":id", "impression", use: printable)
        let forms = liaison.grouped(CSRFMiddleware())
        forms.post(use: start)
        forms.post(":id", use: reply)
    }

    func list(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let conversations = try await LiaisonStore(viewer: viewer, db: req.db).conversations(in: establishment.id)
        return LiaisonPage.list(conversations, uai: establishment.uai, students: try await students(viewer, establishment.id, req),
                                context: req.pageContext(viewer)).response()
    }

    func conversation(req: Request) async throws -> Response {
        try await show(req, printable: false)
    }

    func printable(req: Request) async throws -> Response {
        try await show(req, printable: true)
    }

    private func show(_ req: Request, printable: Bool) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let store = LiaisonStore(viewer: viewer, db: req.db)
        let (conversation, messages) = try await store.conversation(id: try req.parameters.require("id", as: Int.self), in: establishment.id)
        let mayReply = try await store.mayWrite(about: conversation.student_id, in: establishment.id)
            && conversation.school_year_id == viewer.year(in: establishment.id)?.id
        return LiaisonPage.conversation(conversation, messages: messages, uai: establishment.uai, mayReply: mayReply, printable: printable,
                                        context: req.pageContext(viewer)).response()
    }

    struct StartForm: Content {
        var eleve: Int?
        var identifiant: String?
        var objet: String?
        var message: String?
    }

    func start(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let form = try req.content.decode(StartForm.self)
        let studentID: Int
        if let login = form.identifiant?.trimmingCharacters(in: .whitespaces), !login.isEmpty {
            guard let found = try await LiaisonStore(viewer: viewer, db: req.db).student(login: login, in: establishment.id) else {
                return req.redirect(to: LiaisonPage.path(uai: establishment.uai) + "#nouvelle-conversation",
                                    notice: "Aucun élève de l'établissement n'a l'identifiant « \(login) ».")
            }
            studentID = found
        } else {
            guard let id = form.eleve else { throw Abort(.badRequest, reason: "Choisissez l'élève dont il s'agit.") }
            studentID = id
        }
        let id = try await LiaisonStore(viewer: viewer, db: req.db).start(
            about: studentID, subject: form.objet ?? "", body: form.message ?? "", in: establishment.id, at: req.clock.now)
        return req.redirect(to: LiaisonPage.path(uai: establishment.uai, id: id), notice: "Conversation commencée.")
    }

    struct ReplyForm: Content {
        var message: String?
    }

    func reply(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        try await LiaisonStore(viewer: viewer, db: req.db).reply(
            to: id, body: try req.content.decode(ReplyForm.self).message ?? "", in: establishment.id, at: req.clock.now)
        return req.redirect(to: LiaisonPage.path(uai: establishment.uai, id: id) + "#repondre", notice: "Réponse envoyée.")
    }

    private func students(_ viewer: Viewer, _ establishmentID: Int, _ req: Request) async throws -> LiaisonPage.Students {
        if viewer.isPersonnel(of: establishmentID) { return .byLogin }
        guard viewer.kinds(in: establishmentID).contains(.parent) else { return .none }
        let children = try await TimetableStore(viewer: viewer, db: req.db).choices(in: establishmentID).children
        return .children(children.map { ($0.id, $0.label) })
    }
}
