import BasculeDomain
import FluentKit
import SQLKit

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

    /// The viewer of an account: in each establishment, the profiles of that establishment's own
    /// year (the next one once its change is done) and the roles that outlive years; its own
    /// year as `EstablishmentYear.ownYears` says. One query for the profiles, one for the région's year.
    public func viewer(for account: Account) async throws -> Viewer {
        let accountID = try account.requireID()
        let region = try await SchoolYear.current(on: db)
        struct Row: Decodable {
            let establishment_id: Int, uai: String, name: String, kind: ProfileKind
            let year_id: Int?, year_name: String?, profile_year_id: Int?, profile_year_state: SchoolYearState?
        }
        let rows = try await db.sql.raw("""
            SELECT e.id AS establishment_id, e.uai, e.name, p.kind, y.id AS year_id, y.name AS year_name,
                   p.school_year_id AS profile_year_id, py.state AS profile_year_state
            FROM \(EstablishmentYear.profilesWithYears) WHERE p.account_id = \(bind: accountID) ORDER BY e.id, p.id
            """).all(decoding: Row.self)
        var memberships: [Viewer.Membership] = []
        var ownYear: Viewer.Year?
        for row in rows {
            let year = try row.year_id.map { Viewer.Year(id: $0, name: try SchoolYearName(row.year_name ?? "")) }
            if row.profile_year_id == nil || row.profile_year_id == row.year_id {
                memberships.append(Viewer.Membership(establishmentID: row.establishment_id, uai: row.uai,
                                                     establishmentName: row.name, kind: row.kind, year: year))
            }
            ownYear = EstablishmentYear.ownYear(ownYear, or: year, profileYear: row.profile_year_state)
        }
        return Viewer(accountID: accountID, isOperator: account.isOperator, displayName: account.displayName,
                      year: try region.map { Viewer.Year(id: try $0.requireID(), name: $0.name) }, memberships: memberships,
                      ownYear: ownYear)
    }
}
