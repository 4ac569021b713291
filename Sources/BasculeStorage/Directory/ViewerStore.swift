import BasculeDomain
import FluentKit

/// Loads the `Viewer` of an account: its profiles of the current year, and the roles that
/// outlive years.
public struct ViewerStore: Sendable {
    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    /// The account with this login (logins are stored in lower case).
    public func account(login: String) async throws -> Account? {
        try await Account.query(on: db).filter(\.$login == login.lowercased()).first()
    }

    public func viewer(for account: Account) async throws -> Viewer {
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
            Viewer.Membership(establishmentID: try $0.establishment.requireID(), uai: $0.establishment.uai.code,
                              establishmentName: $0.establishment.name, kind: $0.kind)
        }
        return Viewer(accountID: accountID, isOperator: account.isOperator, displayName: account.displayName,
                      year: try year.map { Viewer.Year(id: try $0.requireID(), name: $0.name) }, memberships: memberships)
    }
}
