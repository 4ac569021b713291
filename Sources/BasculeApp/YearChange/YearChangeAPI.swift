import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/year-change`: the plan (the operator for any establishment, an establishment's
/// administrators and heads for theirs), the run, the journal and the undo (the operator).
struct YearChangeAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "year-change")
        api.get("plan", use: plan)
        api.post("runs", use: run)
        api.get("status", use: status)
        api.post("undo", use: undo)
    }

    struct RunRequest: Content {
        let from: String
        var establishments: [String]?
        var confirm: Bool?
    }

    struct UndoRequest: Content {
        let establishment: String
    }

    func plan(req: Request) async throws -> [YearChangeEngine.EstablishmentPlan] {
        let viewer = try req.viewer()
        let from = try year(req.query[String.self, at: "from"])
        var uais = establishmentList(req.query[String.self, at: "establishment"])
        if !viewer.isOperator {
            let administered = viewer.administeredUAIs
            if uais.isEmpty { uais = administered }
            guard !uais.isEmpty, uais.allSatisfy({ administered.contains($0.uppercased()) }) else {
                throw Abort(.forbidden, reason: "Le plan d'un établissement est réservé à ses administrateurs et à l'opérateur.")
            }
        }
        return try await engineCall { try await req.application.yearChange.plan(from: from, uais: uais, asOf: req.clock.today) }
    }

    func run(req: Request) async throws -> [YearChangeEngine.Outcome] {
        _ = try req.requireOperator()
        let body = try req.content.decode(RunRequest.self)
        let from = try year(body.from)
        return try await engineCall {
            try await req.application.yearChange.run(from: from, uais: body.establishments ?? [],
                                                      options: .init(asOf: req.clock.today, confirm: body.confirm ?? false))
        }
    }

    func status(req: Request) async throws -> [YearChangeEngine.RunStatus] {
        let viewer = try req.viewer()
        let runs = try await req.application.yearChange.status()
        if viewer.isOperator { return runs }
        let administered = Set(viewer.administeredUAIs)
        guard !administered.isEmpty else { throw Abort(.forbidden, reason: "Réservé aux administrateurs et à l'opérateur.") }
        return runs.filter { administered.contains($0.uai) }
    }

    func undo(req: Request) async throws -> HTTPStatus {
        _ = try req.requireOperator()
        let body = try req.content.decode(UndoRequest.self)
        _ = try await engineCall { try await req.application.yearChange.undo(uai: body.establishment) }
        return .noContent
    }


    private func year(_ text: String?) throws -> SchoolYearName {
        guard let text, let name = try? SchoolYearName(text) else {
            throw Abort(.badRequest, reason: "Paramètre from : année scolaire attendue, par ex. 2025-2026.")
        }
        return name
    }
}

extension YearChangeEngine.EstablishmentPlan: Content {}
extension YearChangeEngine.Outcome: Content {}
extension YearChangeEngine.RunStatus: Content {}
