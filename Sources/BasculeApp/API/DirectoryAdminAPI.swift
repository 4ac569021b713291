import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Fluent
import SQLKit
import Vapor

/// What an establishment manages by hand in its directory: manual groups (with their
/// lifetime, "Non limitée" to outlive the year) and manual accounts (perennial or not). The
/// year change deletes what is limited to the year; these routes are how an establishment
/// keeps what it needs.
///
/// Personnel create groups; a group's owner or an administrator of its establishment changes
/// it. Administrators create manual accounts and make them perennial.
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
        let viewer = try await req.viewer()
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        let establishmentID = try establishment.requireID()
        guard viewer.isOperator || viewer.isPersonnel(of: establishmentID) else {
            throw ServiceError.forbidden("Seuls les personnels de l'établissement créent des groupes.")
        }
        let draft = try req.content.decode(GroupDraft.self)
        let code = draft.code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40 else { throw ServiceError.invalid(field: "code", reason: "1 à 40 caractères") }
        guard let yearID = viewer.year?.id else { throw ServiceError.forbidden("Aucune année scolaire en cours.") }
        guard try await Group.query(on: req.db).filter(\.$establishment.$id == establishmentID)
            .filter(\.$schoolYear.$id == yearID).filter(\.$code == code).count() == 0
        else { throw ServiceError.invalid(field: "code", reason: "« \(code) » existe déjà cette année") }
        let group = Group()
        group.$establishment.id = establishmentID
        group.$schoolYear.id = yearID
        group.code = code
        group.name = draft.name
        group.kind = .manual
        group.lifetime = draft.lifetime ?? .schoolYear
        group.$owner.id = viewer.accountID
        try await group.create(on: req.db)
        return try await GroupDTO(group).encodeResponse(status: .created, for: req)
    }

    func updateGroup(req: Request) async throws -> GroupDTO {
        let group = try await manualGroup(req)
        let change = try req.content.decode(GroupChange.self)
        if let name = change.name { group.name = name }
        if let lifetime = change.lifetime { group.lifetime = lifetime }
        try await group.save(on: req.db)
        return try GroupDTO(group)
    }

    func deleteGroup(req: Request) async throws -> HTTPStatus {
        try await manualGroup(req).delete(on: req.db)
        return .noContent
    }

    func addMember(req: Request) async throws -> HTTPStatus {
        let group = try await manualGroup(req)
        let member = try req.content.decode(Member.self)
        guard try await Profile.query(on: req.db).filter(\.$account.$id == member.accountID)
            .filter(\.$establishment.$id == group.$establishment.id).count() > 0
        else { throw ServiceError.invalid(field: "accountID", reason: "compte \(member.accountID) hors de l'établissement") }
        try await (req.db as! any SQLDatabase).insert(into: "group_memberships")
            .columns("group_id", "account_id", "starts_on")
            .values(SQLBind(group.requireID()), SQLBind(member.accountID), SQLBind(CalendarDate.today.iso))
            .ignoringConflicts(with: ["group_id", "account_id"]).run()
        return .noContent
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let group = try await manualGroup(req)
        try await GroupMembership.query(on: req.db).filter(\.$group.$id == group.requireID())
            .filter(\.$account.$id == req.parameters.require("account", as: Int.self)).delete()
        return .noContent
    }

    /// A manual group the viewer may change: its owner, or an administrator of its establishment.
    private func manualGroup(_ req: Request) async throws -> Group {
        let viewer = try await req.viewer()
        guard let group = try await Group.find(req.parameters.get("id", as: Int.self), on: req.db),
              try await viewer.canSee(group, on: req.db)
        else { throw ServiceError.notFound(table: "groups", id: req.parameters.get("id", as: Int.self) ?? 0) }
        guard group.kind == .manual else {
            throw ServiceError.forbidden("Seuls les groupes créés à la main se modifient ici ; les autres viennent de l'annuaire ou de l'emploi du temps.")
        }
        guard viewer.administers(group.$establishment.id) || group.$owner.id == viewer.accountID else {
            throw ServiceError.forbidden("Seuls le créateur du groupe et les administrateurs de l'établissement le modifient.")
        }
        return group
    }

    func createAccount(req: Request) async throws -> Response {
        let viewer = try await req.viewer()
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        guard viewer.administers(establishmentID) else {
            throw ServiceError.forbidden("Seuls les administrateurs de l'établissement créent des comptes.")
        }
        let draft = try req.content.decode(AccountDraft.self)
        for (field, value) in [("firstName", draft.firstName), ("lastName", draft.lastName)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > 100 {
            throw ServiceError.invalid(field: field, reason: "1 à 100 caractères")
        }
        guard draft.profile != .entAdmin || viewer.isOperator else {
            throw ServiceError.forbidden("Seul l'opérateur nomme des administrateurs ENT.")
        }
        guard let yearID = viewer.year?.id else { throw ServiceError.forbidden("Aucune année scolaire en cours.") }
        let account = try await req.db.transaction { tx in
            let base = "\(FrenchNames.asciiSlug(draft.firstName)).\(FrenchNames.asciiSlug(draft.lastName))"
            let taken = try await (tx as! any SQLDatabase).select().column("login").from("accounts")
                .where("login", .like, base + "%").all(decodingColumn: "login", as: String.self)
            var logins = LoginAllocator(taken: taken)
            let account = Account(login: logins.take(first: draft.firstName, last: draft.lastName), firstName: draft.firstName,
                                  lastName: draft.lastName, source: .manual, isPerennial: draft.isPerennial ?? false)
            account.email = draft.email
            try await account.create(on: tx)
            try await Profile(accountID: account.requireID(), establishmentID: establishmentID, schoolYearID: yearID,
                              kind: draft.profile).create(on: tx)
            return account
        }
        return try await MemberDTO(account).encodeResponse(status: .created, for: req)
    }

    /// Makes a manual account perennial (or not): administrators of an establishment it belongs to.
    func updateAccount(req: Request) async throws -> HTTPStatus {
        let viewer = try await req.viewer()
        guard let account = try await Account.find(req.parameters.get("id", as: Int.self), on: req.db) else {
            throw ServiceError.notFound(table: "accounts", id: req.parameters.get("id", as: Int.self) ?? 0)
        }
        let establishments = try await Profile.query(on: req.db).filter(\.$account.$id == account.requireID())
            .all(\.$establishment.$id)
        guard establishments.contains(where: viewer.administers) else {
            throw ServiceError.forbidden("Seuls les administrateurs d'un établissement du compte le modifient.")
        }
        guard account.source == .manual else {
            throw ServiceError.forbidden("Un compte de l'annuaire académique suit l'annuaire ; seul un compte créé à la main devient pérenne.")
        }
        if let perennial = try req.content.decode(AccountChange.self).isPerennial { account.isPerennial = perennial }
        try await account.save(on: req.db)
        return .noContent
    }
}
