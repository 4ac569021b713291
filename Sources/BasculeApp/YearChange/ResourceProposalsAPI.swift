import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/establishments/{uai}/gar-proposals`: after the change reset the Médiacentre
/// assignments, last year's are offered to the assignment referent (and the administrators):
/// `GET` lists them mapped onto this year, `POST …/apply` assigns again those that map.
struct ResourceProposalsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let proposals = routes.grouped("api", "v1", "establishments", ":uai", "gar-proposals")
        proposals.get(use: list)
        proposals.post("apply", use: apply)
    }

    struct Applied: Content {
        let applied: Int
    }

    func list(req: Request) async throws -> [ResourceProposals.Proposal] {
        let (proposals, establishmentID, years) = try await context(req)
        return try await proposals.list(establishmentID: establishmentID, yearID: years.yearID, previousYearID: years.previousYearID)
    }

    func apply(req: Request) async throws -> Applied {
        let (proposals, establishmentID, years) = try await context(req)
        return Applied(applied: try await proposals.apply(establishmentID: establishmentID, yearID: years.yearID,
                                                          previousYearID: years.previousYearID))
    }

    private func context(_ req: Request) async throws -> (ResourceProposals, Int, (yearID: Int, previousYearID: Int)) {
        let viewer = try req.viewer()
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        let proposals = ResourceProposals(db: req.db)
        return (proposals, establishmentID, try await proposals.years(for: viewer, establishmentID: establishmentID))
    }
}

extension ResourceProposals.Proposal: Content {}

extension ResourceProposals.Refusal: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notReferent: .forbidden
        case .noPreviousYear: .notFound
        }
    }
}
