import BasculeDomain
import FluentKit
import SQLKit

extension ResourceProposals {
    public init(db: any Database) {
        self.init(sql: db.sql)
    }

    public enum Refusal: Error, Equatable {
        case notReferent
        case noPreviousYear

        public var reason: String {
            switch self {
            case .notReferent: "Réservé au référent d'affectation du Médiacentre et aux administrateurs."
            case .noPreviousYear: "Pas d'année précédente : rien à proposer."
            }
        }
    }

    /// This year and last year, for a viewer who may see and apply the establishment's
    /// proposals: its administrators, and its members who are its assignment referent.
    public func years(for viewer: Viewer, establishmentID: Int) async throws -> (yearID: Int, previousYearID: Int) {
        let isReferent = try await sql.select().column("id").from("gar_referents")
            .where("establishment_id", .equal, establishmentID).where("account_id", .equal, viewer.accountID).first() != nil
        guard viewer.administers(establishmentID) || (isReferent && viewer.canSee(establishmentID: establishmentID)) else {
            throw Refusal.notReferent
        }
        guard let year = try await viewer.year(of: establishmentID, on: sql),
              let previous = try await sql.select().column("id").from("school_years")
                .where("name", .equal, year.name.previous.description).first(decodingColumn: "id", as: Int.self)
        else { throw Refusal.noPreviousYear }
        return (year.id, previous)
    }
}
