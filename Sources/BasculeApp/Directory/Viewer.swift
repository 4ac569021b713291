import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Vapor

extension Account: ModelSessionAuthenticatable {}

/// Who is asking, with what they are in which establishment this year. Every page and API
/// route starts from it; access decisions are in `Viewer+Access.swift`.
struct Viewer: Sendable {
    struct Membership: Sendable {
        let establishmentID: Int
        let uai: String
        let establishmentName: String
        let kind: ProfileKind
    }

    let account: Account
    let accountID: Int
    let year: SchoolYear?
    let memberships: [Membership]

    var isOperator: Bool { account.isOperator }

    /// The current school year, or 404: between two years there is no change to prepare.
    func currentYear() throws -> SchoolYear {
        guard let year else { throw Abort(.notFound, reason: "Aucune année scolaire en cours.") }
        return year
    }

    func kinds(in establishmentID: Int) -> Set<ProfileKind> {
        Set(memberships.filter { $0.establishmentID == establishmentID }.map(\.kind))
    }

    /// Establishments the viewer belongs to, each once, by name.
    var establishments: [(id: Int, uai: String, name: String)] {
        var seen = Set<Int>()
        return memberships.compactMap { m in
            seen.insert(m.establishmentID).inserted ? (m.establishmentID, m.uai, m.establishmentName) : nil
        }.sorted { $0.name < $1.name }
    }

    /// The viewer's profiles: those of the current year, and the roles that outlive years.
    static func load(_ account: Account, on db: any Database) async throws -> Viewer {
        let accountID = try account.requireID()
        let year = try await SchoolYear.current(on: db)
        let profiles = try await Profile.query(on: db)
            .filter(\.$account.$id == accountID)
            .group(.or) { either in
                either.filter(\.$schoolYear.$id == nil)
                if let yearID = year?.id { either.filter(\.$schoolYear.$id == yearID) }
            }
            .with(\.$establishment)
            .all()
        let memberships = try profiles.map {
            Membership(establishmentID: try $0.establishment.requireID(), uai: $0.establishment.uai.code,
                       establishmentName: $0.establishment.name, kind: $0.kind)
        }
        return Viewer(account: account, accountID: accountID, year: year, memberships: memberships)
    }
}

extension Request {
    /// The signed-in viewer, or 401. An account that has left, or cannot log in any more,
    /// loses its open session at its next request.
    func viewer() async throws -> Viewer {
        guard let account = auth.get(Account.self) else {
            throw Abort(.unauthorized, reason: "Connexion requise.")
        }
        guard account.state == .active, account.passwordHash != nil else {
            auth.logout(Account.self)
            session.destroy()
            throw Abort(.unauthorized, reason: "Ce compte n'est plus actif.")
        }
        let viewer = try await Viewer.load(account, on: db)
        do {
            try await viewer.checkCalendar(on: db as! any SQLDatabase)
        } catch {
            // A profile blocked by the calendar loses its open session.
            auth.logout(Account.self)
            session.destroy()
            throw error
        }
        return viewer
    }
}
