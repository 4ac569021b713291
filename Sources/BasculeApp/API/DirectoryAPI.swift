import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1`: the directory in JSON, as `DirectoryStore` lets the viewer read it.
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
        return try card(of: account, profiles: await Authentication.startSession(for: account, on: req).memberships)
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
        try await store(req).establishments().map(EstablishmentDTO.init)
    }

    func establishment(req: Request) async throws -> EstablishmentDTO {
        let store = try store(req)
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        _ = try store.checkVisible(establishment)
        return try EstablishmentDTO(establishment)
    }

    func classes(req: Request) async throws -> [ClassDTO] {
        let store = try store(req)
        return try await store.classes(of: Establishment.find(uai: req.parameters.get("uai"), on: req.db)).map { try ClassDTO($0) }
    }

    func groups(req: Request) async throws -> [GroupDTO] {
        let store = try store(req)
        return try await store.groups(of: Establishment.find(uai: req.parameters.get("uai"), on: req.db)).map { try GroupDTO($0) }
    }

    func accounts(req: Request) async throws -> [MemberDTO] {
        let store = try store(req)
        return try await store.accounts(of: Establishment.find(uai: req.parameters.get("uai"), on: req.db),
                                        profile: req.query[String.self, at: "profile"]).map(MemberDTO.init)
    }

    func schoolClass(req: Request) async throws -> ClassDTO {
        let (schoolClass, members) = try await store(req).schoolClass(req.parameters.get("id", as: Int.self))
        return try ClassDTO(schoolClass, members: members.map(MemberDTO.init))
    }

    func group(req: Request) async throws -> GroupDTO {
        let (group, members) = try await store(req).group(req.parameters.get("id", as: Int.self))
        return try GroupDTO(group, members: members.map(MemberDTO.init))
    }

    func account(req: Request) async throws -> AccountDTO {
        let (other, profiles) = try await store(req).account(req.parameters.get("id", as: Int.self))
        return try card(of: other, profiles: profiles)
    }

    private func store(_ req: Request) throws -> DirectoryStore {
        DirectoryStore(viewer: try req.viewer(), db: req.db)
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
