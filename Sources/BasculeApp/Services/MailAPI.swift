import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/mail`: internal mail (`MailStore`). Deliveries are filed in the viewer's own
/// folders (`/api/v1/me/mail_folders`).
struct MailAPI: RouteCollection {
    typealias Draft = MailStore.Draft
    typealias Summary = MailStore.Summary
    typealias Message = MailStore.Message
    typealias Filing = MailStore.Filing

    func boot(routes: any RoutesBuilder) throws {
        let mail = routes.grouped("api", "v1", "mail")
        mail.post("messages", use: send)
        mail.get("inbox", use: inbox)
        mail.get("sent", use: sent)
        mail.get("messages", ":id", use: message)
        mail.get("messages", ":id", "attachments", ":attachment", use: attachment)
        mail.patch("deliveries", ":id", use: file)
    }

    /// An attachment, as every stored file is served: a sandboxed download.
    func attachment(req: Request) async throws -> Response {
        let file = try await store(req).attachment(try req.parameters.require("attachment", as: Int.self),
                                                   of: try req.parameters.require("id", as: Int.self))
        let data = try FileStore(dataDirectory: req.application.configuration.dataDirectory).read(sha256: file.sha256)
        return ServiceAPI.download(data, name: file.name, asImage: false)
    }

    func send(req: Request) async throws -> Response {
        let message = try await store(req).send(try req.content.decode(Draft.self), at: req.clock.now)
        let response = Response(status: .created)
        try response.content.encode(message)
        return response
    }

    /// The viewer's inbox of a year (their own unless `year=`), or of one folder with `folder=ID`.
    func inbox(req: Request) async throws -> [Summary] {
        let store = try store(req)
        guard let yearID = try await store.inboxYearID(named: req.query[String.self, at: "year"]) else { return [] }
        return try await store.inbox(yearID: yearID, folder: req.query[Int.self, at: "folder"])
    }

    func sent(req: Request) async throws -> [Summary] {
        try await store(req).sent()
    }

    func message(req: Request) async throws -> Message {
        let store = try store(req)
        // Reading changes nothing (a GET never does): the client marks it read with PATCH.
        return try await store.read(try req.parameters.require("id", as: Int.self))
    }

    func file(req: Request) async throws -> HTTPStatus {
        let store = try store(req)
        let id = try req.parameters.require("id", as: Int.self)
        try await store.file(delivery: id, try req.content.decode(Filing.self))
        return .noContent
    }

    private func store(_ req: Request) throws -> MailStore {
        MailStore(viewer: try req.viewer(), db: req.db, limits: req.application.configuration.mailLimits)
    }
}

extension MailStore.Draft: Content {}
extension MailStore.Summary: Content {}
extension MailStore.Message: Content {}
extension MailStore.Filing: Content {}
