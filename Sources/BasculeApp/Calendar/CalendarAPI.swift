import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/calendar`: the phases (anyone signed in reads them; the operator writes them) and
/// `/api/v1/establishments/{uai}/access-block`: an establishment's own end of the summer block
/// (its administrators, within the phase's limits).
struct CalendarAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("calendar", use: list)
        api.post("calendar", "phases", use: add)
        api.delete("calendar", "phases", ":id", use: remove)
        api.put("establishments", ":uai", "access-block", use: block)
    }

    struct Block: Content {
        let phaseID: Int
        let endsAt: String
    }

    func list(req: Request) async throws -> [AccessCalendar.Phase] {
        _ = try req.viewer()
        return try await AccessCalendar.load(on: req.db).phases
    }

    func add(req: Request) async throws -> Response {
        _ = try req.requireOperator()
        let phase = try req.content.decode(AccessCalendar.Phase.self)
        let id = try await store(req) { try await $0.add(phase) }
        var created = phase
        created.id = id
        return try await created.encodeResponse(status: .created, for: req)
    }

    func remove(req: Request) async throws -> HTTPStatus {
        _ = try req.requireOperator()
        let id = try req.parameters.require("id", as: Int.self)
        try await store(req) { try await $0.remove(id) }
        return .noContent
    }

    func block(req: Request) async throws -> HTTPStatus {
        let viewer = try req.viewer()
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        guard viewer.administers(establishmentID) else {
            throw Abort(.forbidden, reason: "Seuls les administrateurs de l'établissement règlent son blocage.")
        }
        let block = try req.content.decode(Block.self)
        try await store(req) { try await $0.setBlockEnd(establishmentID: establishmentID, phaseID: block.phaseID, endsAt: block.endsAt) }
        return .noContent
    }


    /// The store's refusals are the client's mistakes: 400 with the reason.
    @discardableResult
    private func store<T: Sendable>(_ req: Request, _ body: (CalendarStore) async throws -> T) async throws -> T {
        do {
            return try await body(CalendarStore(db: req.db))
        } catch let failure as CalendarStore.Failure {
            if case .unknownPhase = failure { throw Abort(.notFound, reason: failure.description) }
            throw Abort(.badRequest, reason: failure.description)
        }
    }
}

extension AccessCalendar.Phase: Content {}
