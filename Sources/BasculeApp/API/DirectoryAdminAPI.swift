import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Vapor

/// What an establishment manages by hand in its directory (`ManualDirectoryStore`): manual
/// groups, with their lifetime, and manual accounts, perennial or not.
struct DirectoryAdminAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("establishments", ":uai", "groups", use: createGroup)
        api.patch("groups", ":id", use: updateGroup)
        api.delete("groups", ":id", use: deleteGroup)
        api.post("groups", ":id", "members", use: addMember)
        api.delete("groups", ":id", "members", ":account", use: removeMember)
        api.post("establishments", ":uai", "accounts", use: createAccount)
        api.patch("accounts", ":id", use: updateAccount)
    }

    struct GroupDraft: Content {
        let code: String
        let name: String
        var lifetime: GroupLifetime?
    }

    struct GroupChange: Content {
        var name: String?
        var lifetime: GroupLifetime?
    }

    struct Member: Content {
        let accountID: Int
    }

    struct AccountDraft: Content {
        let firstName: String
        let lastName: String
        let profile: ProfileKind
        var isPerennial: Bool?
        var email: String?
    }

    struct AccountChange: Content {
        var isPerennial: Bool?
    }

    func createGroup(req: Request) async throws -> Response {
        let store = try store(req)
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        let draft = try req.content.decode(GroupDraft.self)
        let group = try await store.createGroup(in: establishmentID, code: draft.code, name: draft.name, lifetime: draft.lifetime)
        return try await GroupDTO(group).encodeResponse(status: .created, for: req)
    }

    func updateGroup(req: Request) async throws -> GroupDTO {
        let store = try store(req)
        let change = try req.content.decode(GroupChange.self)
        return try GroupDTO(try await engineCall {
            try await store.updateGroup(req.parameters.get("id", as: Int.self), name: change.name, lifetime: change.lifetime)
        })
    }

    func deleteGroup(req: Request) async throws -> HTTPStatus {
        try await store(req).deleteGroup(req.parameters.get("id", as: Int.self))
        return .noContent
    }

    func addMember(req: Request) async throws -> HTTPStatus {
        let store = try store(req)
        let member = try req.content.decode(Member.self)
        try await store.addMember(member.accountID, to: req.parameters.get("id", as: Int.self), startsOn: req.clock.today)
        return .noContent
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let store = try store(req)
        try await store.removeMember(try req.parameters.require("account", as: Int.self), from: req.parameters.get("id", as: Int.self))
        return .noContent
    }

    func createAccount(req: Request) async throws -> Response {
        let store = try store(req)
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        let draft = try req.content.decode(AccountDraft.self)
        let account = try await store.createAccount(in: establishmentID, .init(
            firstName: draft.firstName, lastName: draft.lastName, profile: draft.profile, isPerennial: draft.isPerennial, email: draft.email))
        return try await MemberDTO(account).encodeResponse(status: .created, for: req)
    }

    func updateAccount(req: Request) async throws -> HTTPStatus {
        let store = try store(req)
        let change = try req.content.decode(AccountChange.self)
        try await engineCall { try await store.updateAccount(req.parameters.get("id", as: Int.self), isPerennial: change.isPerennial) }
        return .noContent
    }

    private func store(_ req: Request) throws -> ManualDirectoryStore {
        ManualDirectoryStore(viewer: try req.viewer(), db: req.db, yearChange: req.application.yearChange)
    }
}
