import BasculeDomain
import FluentKit
import SQLKit

/// What an establishment manages by hand in its directory: manual groups (with their
/// lifetime, "Non limitée" to outlive the year) and manual accounts (perennial or not). The
/// year change deletes what is limited to the year; this is how an establishment keeps what
/// it needs, besides its year-change dashboard.
///
/// Personnel create groups; a group's owner or an administrator of its establishment changes
/// it. Administrators create manual accounts and make them perennial. Keeping a group or an
/// account goes through the dashboard's own action (`YearChangeEngine.apply`), so that both
/// refuse it once the establishment's change has started.
public struct ManualDirectoryStore: Sendable {
    public let viewer: Viewer
    let db: any Database
    let yearChange: YearChangeEngine

    public init(viewer: Viewer, db: any Database, yearChange: YearChangeEngine) {
        self.viewer = viewer
        self.db = db
        self.yearChange = yearChange
    }

    public func createGroup(in establishmentID: Int, code rawCode: String, name: String, lifetime: GroupLifetime?) async throws -> Group {
        guard viewer.isPersonnel(of: establishmentID) else {
            throw ServiceError.forbidden("Seuls les personnels de l'établissement créent des groupes.")
        }
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40 else { throw ServiceError.invalid(field: "code", reason: "1 à 40 caractères") }
        guard let yearID = try await viewer.year(of: establishmentID, on: db)?.id else { throw ServiceError.noCurrentYear }
        guard try await Group.query(on: db).filter(\.$establishment.$id == establishmentID)
            .filter(\.$schoolYear.$id == yearID).filter(\.$code == code).count() == 0
        else { throw ServiceError.invalid(field: "code", reason: "« \(code) » existe déjà cette année") }
        let group = Group()
        group.$establishment.id = establishmentID
        group.$schoolYear.id = yearID
        group.code = code
        group.name = name
        group.kind = .manual
        group.lifetime = lifetime ?? .schoolYear
        group.$owner.id = viewer.accountID
        try await group.create(on: db)
        return group
    }

    /// Renames a manual group, or changes its lifetime; making it unlimited is refused once its
    /// establishment's change has started, as on the dashboard.
    public func updateGroup(_ id: Int?, name: String?, lifetime: GroupLifetime?) async throws -> Group {
        let group = try await manualGroup(id)
        // The change is the région's year's: once the establishment's is done, it refuses.
        if lifetime == .unlimited, group.lifetime != .unlimited, let year = viewer.year {
            _ = try await yearChange.apply(.keepGroups, uai: try await uai(of: group.$establishment.id), from: year.name,
                                           ids: [try group.requireID()])
        }
        if let name { group.name = name }
        if let lifetime { group.lifetime = lifetime }
        try await group.save(on: db)
        return group
    }

    public func deleteGroup(_ id: Int?) async throws {
        try await manualGroup(id).delete(on: db)
    }

    public func addMember(_ accountID: Int, to id: Int?, startsOn: CalendarDate) async throws {
        let group = try await manualGroup(id)
        guard try await Profile.query(on: db).filter(\.$account.$id == accountID)
            .filter(\.$establishment.$id == group.$establishment.id).count() > 0
        else { throw ServiceError.invalid(field: "accountID", reason: "compte \(accountID) hors de l'établissement") }
        try await db.sql.insert(into: "group_memberships")
            .columns("group_id", "account_id", "starts_on")
            .values(SQLBind(group.requireID()), SQLBind(accountID), SQLBind(startsOn.iso))
            .ignoringConflicts(with: ["group_id", "account_id"]).run()
    }

    public func removeMember(_ accountID: Int, from id: Int?) async throws {
        let group = try await manualGroup(id)
        try await GroupMembership.query(on: db).filter(\.$group.$id == group.requireID())
            .filter(\.$account.$id == accountID).delete()
    }

    /// A manual group the viewer may change: its owner, or an administrator of its establishment.
    private func manualGroup(_ id: Int?) async throws -> Group {
        guard let group = try await Group.find(id, on: db), try await DirectoryAccess(viewer: viewer, db: db).canSee(group)
        else { throw ServiceError.notFound(table: "groups", id: id ?? 0) }
        guard group.kind == .manual else {
            throw ServiceError.forbidden("Seuls les groupes créés à la main se modifient ici ; les autres viennent de l'annuaire ou de l'emploi du temps.")
        }
        guard viewer.administers(group.$establishment.id) || group.$owner.id == viewer.accountID else {
            throw ServiceError.forbidden("Seuls le créateur du groupe et les administrateurs de l'établissement le modifient.")
        }
        return group
    }

    public struct AccountDraft: Sendable {
        public let firstName: String
        public let lastName: String
        public let profile: ProfileKind
        public var isPerennial: Bool?
        public var email: String?

        public init(firstName: String, lastName: String, profile: ProfileKind, isPerennial: Bool?, email: String?) {
            self.firstName = firstName
            self.lastName = lastName
            self.profile = profile
            self.isPerennial = isPerennial
            self.email = email
        }
    }

    public func createAccount(in establishmentID: Int, _ draft: AccountDraft) async throws -> Account {
        guard viewer.administers(establishmentID) else {
            throw ServiceError.forbidden("Seuls les administrateurs de l'établissement créent des comptes.")
        }
        for (field, value) in [("firstName", draft.firstName), ("lastName", draft.lastName)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > 100 {
            throw ServiceError.invalid(field: field, reason: "1 à 100 caractères")
        }
        guard draft.profile != .entAdmin || viewer.isOperator else {
            throw ServiceError.forbidden("Seul l'opérateur nomme des administrateurs ENT.")
        }
        guard let yearID = try await viewer.year(of: establishmentID, on: db)?.id else { throw ServiceError.noCurrentYear }
        return try await db.transaction { tx in
            let base = LoginAllocator.base(first: draft.firstName, last: draft.lastName)
            let taken = try await tx.sql.select().column("login").from("accounts")
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
    }

    /// Makes a manual account perennial (or not): administrators of an establishment it belongs
    /// to. Making it perennial is refused once the change of one of its establishments has
    /// started, as on the dashboard.
    public func updateAccount(_ id: Int?, isPerennial: Bool?) async throws {
        guard let account = try await Account.find(id, on: db), try await DirectoryAccess(viewer: viewer, db: db).canSee(account: account)
        else { throw ServiceError.notFound(table: "accounts", id: id ?? 0) }
        let establishments = try await Profile.query(on: db).filter(\.$account.$id == account.requireID())
            .all(\.$establishment.$id)
        guard establishments.contains(where: viewer.administers) else {
            throw ServiceError.forbidden("Seuls les administrateurs d'un établissement du compte le modifient.")
        }
        guard account.source == .manual else {
            throw ServiceError.forbidden("Un compte de l'annuaire académique suit l'annuaire ; seul un compte créé à la main devient pérenne.")
        }
        if isPerennial == true, !account.isPerennial, let year = viewer.year {
            for establishmentID in Set(establishments).sorted() {
                _ = try await yearChange.apply(.keepAccounts, uai: try await uai(of: establishmentID), from: year.name,
                                               ids: [try account.requireID()])
            }
        }
        if let isPerennial { account.isPerennial = isPerennial }
        try await account.save(on: db)
    }

    private func uai(of establishmentID: Int) async throws -> String {
        guard let establishment = try await Establishment.find(establishmentID, on: db) else {
            throw ServiceError.notFound(table: "establishments", id: establishmentID)
        }
        return establishment.uai.code
    }
}
