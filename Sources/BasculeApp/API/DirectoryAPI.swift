import BasculeDomain
import BasculeStorage
import Fluent
import Vapor

/// `/api/v1`: the directory in JSON, with the access rules of `Viewer+Access.swift`.
struct DirectoryAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("session", use: logIn)
        api.delete("session", use: logOut)
        api.get("me", use: me)
        api.get("establishments", use: establishments)
        api.get("establishments", ":uai", use: establishment)
        api.get("establishments", ":uai", "classes", use: classes)
        api.get("establishments", ":uai", "groups", use: groups)
        api.get("establishments", ":uai", "accounts", use: accounts)
        api.get("classes", ":id", use: schoolClass)
        api.get("groups", ":id", use: group)
        api.get("accounts", ":id", use: account)
    }

    struct Credentials: Content {
        let login: String
        let password: String
    }

    func logIn(req: Request) async throws -> AccountDTO {
        let credentials = try req.content.decode(Credentials.self)
        guard let account = try await Authentication.verify(login: credentials.login, password: credentials.password, on: req)
        else { throw Abort(.unauthorized, reason: "Identifiant ou mot de passe incorrect.") }
        try await Authentication.startSession(for: account, on: req)
        return try card(of: account, profiles: await ViewerStore(db: req.db).viewer(for: account).memberships)
    }

    func logOut(req: Request) async throws -> HTTPStatus {
        req.auth.logout(Account.self)
        req.session.destroy()
        return .noContent
    }

    func me(req: Request) async throws -> AccountDTO {
        let viewer = try req.viewer()
        guard let account = req.auth.get(Account.self) else { throw Abort(.unauthorized, reason: "Connexion requise.") }
        return try card(of: account, profiles: viewer.memberships)
    }

    func establishments(req: Request) async throws -> [EstablishmentDTO] {
        let viewer = try req.viewer()
        let query = Establishment.query(on: req.db).sort(\.$uai)
        if !viewer.isOperator {
            query.filter(\.$id ~~ viewer.establishments.map(\.id))
        }
        return try await query.all().map(EstablishmentDTO.init)
    }

    func establishment(req: Request) async throws -> EstablishmentDTO {
        let (_, establishment) = try await visibleEstablishment(req)
        return try EstablishmentDTO(establishment)
    }

    func classes(req: Request) async throws -> [ClassDTO] {
        let (viewer, establishment) = try await visibleEstablishment(req)
        guard let yearID = viewer.year?.id else { return [] }
        let queries = DirectoryQueries(db: req.db)
        let all = try await queries.classes(of: establishment.requireID(), yearID: yearID)
        if viewer.seesAllClasses(of: try establishment.requireID()) { return try all.map { try ClassDTO($0) } }
        var visible: [ClassDTO] = []
        for schoolClass in all where try await DirectoryAccess(viewer: viewer, db: req.db).canSee(schoolClass) {
            visible.append(try ClassDTO(schoolClass))
        }
        return visible
    }

    func groups(req: Request) async throws -> [GroupDTO] {
        let (viewer, establishment) = try await visibleEstablishment(req)
        guard let yearID = viewer.year?.id else { return [] }
        let all = try await DirectoryQueries(db: req.db).groups(of: establishment.requireID(), yearID: yearID)
        if viewer.seesAllClasses(of: try establishment.requireID()) { return try all.map { try GroupDTO($0) } }
        var visible: [GroupDTO] = []
        for group in all where try await DirectoryAccess(viewer: viewer, db: req.db).canSee(group) {
            visible.append(try GroupDTO(group))
        }
        return visible
    }

    func accounts(req: Request) async throws -> [MemberDTO] {
        let (viewer, establishment) = try await visibleEstablishment(req)
        let establishmentID = try establishment.requireID()
        guard viewer.administers(establishmentID) else {
            throw Abort(.forbidden, reason: "Seuls les administrateurs de l'établissement consultent son annuaire.")
        }
        let query = Account.query(on: req.db)
            .join(Profile.self, on: \Profile.$account.$id == \Account.$id)
            .filter(Profile.self, \.$establishment.$id == establishmentID)
        if let yearID = viewer.year?.id {
            query.group(.or) { $0.filter(Profile.self, \.$schoolYear.$id == yearID).filter(Profile.self, \.$schoolYear.$id == nil) }
        }
        if let kindText = req.query[String.self, at: "profile"] {
            guard let kind = ProfileKind(rawValue: kindText) else {
                throw Abort(.badRequest, reason: "Paramètre profile inconnu « \(kindText) » ; valeurs : "
                    + ProfileKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            query.filter(Profile.self, \.$kind == kind)
        }
        let accounts = try await query.sort(\.$lastName).sort(\.$firstName).unique().all()
        return try accounts.map(MemberDTO.init)
    }

    func schoolClass(req: Request) async throws -> ClassDTO {
        let viewer = try req.viewer()
        guard let schoolClass = try await SchoolClass.find(req.parameters.get("id", as: Int.self), on: req.db) else {
            throw Abort(.notFound, reason: "Classe inconnue.")
        }
        guard try await DirectoryAccess(viewer: viewer, db: req.db).canSee(schoolClass) else { throw Abort(.forbidden, reason: "Accès refusé à cette classe.") }
        let members = try await Account.query(on: req.db)
            .join(ClassMembership.self, on: \ClassMembership.$account.$id == \Account.$id)
            .filter(ClassMembership.self, \.$schoolClass.$id == schoolClass.requireID())
            .sort(\.$lastName).sort(\.$firstName)
            .all()
        return try ClassDTO(schoolClass, members: members.map(MemberDTO.init))
    }

    func group(req: Request) async throws -> GroupDTO {
        let viewer = try req.viewer()
        guard let group = try await Group.find(req.parameters.get("id", as: Int.self), on: req.db) else {
            throw Abort(.notFound, reason: "Groupe inconnu.")
        }
        guard try await DirectoryAccess(viewer: viewer, db: req.db).canSee(group) else { throw Abort(.forbidden, reason: "Accès refusé à ce groupe.") }
        let members = try await Account.query(on: req.db)
            .join(GroupMembership.self, on: \GroupMembership.$account.$id == \Account.$id)
            .filter(GroupMembership.self, \.$group.$id == group.requireID())
            .sort(\.$lastName).sort(\.$firstName)
            .all()
        return try GroupDTO(group, members: members.map(MemberDTO.init))
    }

    func account(req: Request) async throws -> AccountDTO {
        let viewer = try req.viewer()
        guard let other = try await Account.find(req.parameters.get("id", as: Int.self), on: req.db) else {
            throw Abort(.notFound, reason: "Compte inconnu.")
        }
        guard try await DirectoryAccess(viewer: viewer, db: req.db).canSee(account: other) else { throw Abort(.forbidden, reason: "Accès refusé à ce compte.") }
        return try card(of: other, profiles: await ViewerStore(db: req.db).viewer(for: other).memberships)
    }

    private func visibleEstablishment(_ req: Request) async throws -> (Viewer, Establishment) {
        let viewer = try req.viewer()
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        guard viewer.canSee(establishmentID: try establishment.requireID()) else {
            throw Abort(.forbidden, reason: "Vous n'avez pas de profil dans cet établissement.")
        }
        return (viewer, establishment)
    }

    /// An account's card, with its profiles of the current year and its lasting roles.
    private func card(of account: Account, profiles: [Viewer.Membership]) throws -> AccountDTO {
        return AccountDTO(
            id: try account.requireID(), login: account.login, firstName: account.firstName, lastName: account.lastName,
            email: account.email, birthDate: account.birthDate, source: account.source, isPerennial: account.isPerennial,
            state: account.state, isOperator: account.isOperator,
            profiles: profiles.map { .init(establishmentID: $0.establishmentID, uai: $0.uai, kind: $0.kind) })
    }
}
