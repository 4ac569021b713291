import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
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
        let (establishmentID, year, previous) = try await context(req)
        return try await ResourceProposals(sql: req.db as! any SQLDatabase)
            .list(establishmentID: establishmentID, yearID: year, previousYearID: previous)
    }

    func apply(req: Request) async throws -> Applied {
        let (establishmentID, year, previous) = try await context(req)
        return Applied(applied: try await ResourceProposals(sql: req.db as! any SQLDatabase)
            .apply(establishmentID: establishmentID, yearID: year, previousYearID: previous))
    }

    /// The establishment, this year and last year, for a referent or an administrator.
    private func context(_ req: Request) async throws -> (Int, Int, Int) {
        let viewer = try await req.viewer()
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        let isReferent = try await (req.db as! any SQLDatabase).select().column("id").from("gar_referents")
            .where("establishment_id", .equal, establishmentID).where("account_id", .equal, viewer.accountID).first() != nil
        guard viewer.administers(establishmentID) || (isReferent && viewer.canSee(establishmentID: establishmentID)) else {
            throw Abort(.forbidden, reason: "Réservé au référent d'affectation du Médiacentre et aux administrateurs.")
        }
        guard let year = viewer.year, let yearID = year.id,
              let previous = try await SchoolYear.query(on: req.db).filter(\.$name == year.name.previous).first()?.id
        else { throw Abort(.notFound, reason: "Pas d'année précédente : rien à proposer.") }
        return (establishmentID, yearID, previous)
    }
}

extension ResourceProposals.Proposal: Content {}
