import BasculeDomain
import FluentKit

/// The directory as one viewer may read it (`Viewer+Access.swift`, `DirectoryAccess`): each
/// read applies its rule, and refuses with the reason the client is shown.
public struct DirectoryStore: Sendable {
    public let viewer: Viewer
    let db: any Database
    var access: DirectoryAccess { DirectoryAccess(viewer: viewer, db: db) }

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// Every establishment for the operator, the viewer's own otherwise, by UAI.
    public func establishments() async throws -> [Establishment] {
        let query = Establishment.query(on: db).sort(\.$uai)
        if !viewer.isOperator {
            query.filter(\.$id ~~ viewer.establishments.map(\.id))
        }
        return try await query.all()
    }

    /// An establishment the viewer has a profile in.
    public func checkVisible(_ establishment: Establishment) throws -> Int {
        let id = try establishment.requireID()
        guard viewer.canSee(establishmentID: id) else {
            throw DirectoryError.forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        return id
    }

    /// The classes of this year the viewer may read in an establishment.
    public func classes(of establishment: Establishment) async throws -> [SchoolClass] {
        try await visible(in: establishment, all: { try await DirectoryQueries(db: db).classes(of: $0, yearID: $1) },
                          canSee: access.canSee)
    }

    /// The groups of this year (and the unlimited manual ones) the viewer may read in an establishment.
    public func groups(of establishment: Establishment) async throws -> [Group] {
        try await visible(in: establishment, all: { try await DirectoryQueries(db: db).groups(of: $0, yearID: $1) },
                          canSee: access.canSee)
    }

    /// Personnel see every row `all` lists for the establishment and year; others those `canSee` lets through.
    private func visible<Row>(in establishment: Establishment, all: (Int, Int) async throws -> [Row],
                              canSee: (Row) async throws -> Bool) async throws -> [Row] {
        let establishmentID = try checkVisible(establishment)
        guard let yearID = try await viewer.year(of: establishmentID, on: db)?.id else { return [] }
        let rows = try await all(establishmentID, yearID)
        if viewer.seesAllClasses(of: establishmentID) { return rows }
        var visible: [Row] = []
        for row in rows where try await canSee(row) { visible.append(row) }
        return visible
    }

    /// The establishment's accounts of this year and its lasting roles, for its administrators;
    /// `profile`: only those of one kind.
    public func accounts(of establishment: Establishment, profile: String?) async throws -> [Account] {
        let establishmentID = try checkVisible(establishment)
        guard viewer.administers(establishmentID) else {
            throw DirectoryError.forbidden("Seuls les administrateurs de l'établissement consultent son annuaire.")
        }
        let query = Account.query(on: db)
            .join(Profile.self, on: \Profile.$account.$id == \Account.$id)
            .filter(Profile.self, \.$establishment.$id == establishmentID)
        if let yearID = try await viewer.year(of: establishmentID, on: db)?.id {
            query.group(.or) { $0.filter(Profile.self, \.$schoolYear.$id == yearID).filter(Profile.self, \.$schoolYear.$id == nil) }
        }
        if let profile {
            guard let kind = ProfileKind(rawValue: profile) else {
                throw DirectoryError.invalid("Paramètre profile inconnu « \(profile) » ; valeurs : "
                    + ProfileKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            query.filter(Profile.self, \.$kind == kind)
        }
        return try await query.sort(\.$lastName).sort(\.$firstName).unique().all()
    }

    /// A class the viewer may read, with its members by name.
    public func schoolClass(_ id: Int?) async throws -> (SchoolClass, members: [Account]) {
        // Out of reach answers as absent: an id does not tell whether it exists.
        guard let schoolClass = try await SchoolClass.find(id, on: db), try await access.canSee(schoolClass) else {
            throw DirectoryError.notFound("Aucune classe n° \(id ?? 0) qui vous soit accessible.")
        }
        let members = try await Account.query(on: db)
            .join(ClassMembership.self, on: \ClassMembership.$account.$id == \Account.$id)
            .filter(ClassMembership.self, \.$schoolClass.$id == schoolClass.requireID())
            .sort(\.$lastName).sort(\.$firstName)
            .all()
        return (schoolClass, members)
    }

    public func group(_ id: Int?) async throws -> (Group, members: [Account]) {
        guard let group = try await Group.find(id, on: db), try await access.canSee(group) else {
            throw DirectoryError.notFound("Aucun groupe n° \(id ?? 0) qui vous soit accessible.")
        }
        let members = try await Account.query(on: db)
            .join(GroupMembership.self, on: \GroupMembership.$account.$id == \Account.$id)
            .filter(GroupMembership.self, \.$group.$id == group.requireID())
            .sort(\.$lastName).sort(\.$firstName)
            .all()
        return (group, members)
    }

    /// An account's card the viewer may read, with its profiles of the current year and its lasting roles.
    public func account(_ id: Int?) async throws -> (Account, profiles: [Viewer.Membership]) {
        guard let other = try await Account.find(id, on: db), try await access.canSee(account: other) else {
            throw DirectoryError.notFound("Aucun compte n° \(id ?? 0) qui vous soit accessible.")
        }
        return (other, try await ViewerStore(db: db).viewer(for: other).memberships)
    }
}
