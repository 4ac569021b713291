import BasculeDomain
import FluentKit
import SQLKit

/// The year an establishment is in: its own once its change has set it (`current_year_id`),
/// otherwise the région's current one. Every query that means "this year" for an establishment
/// goes through here, so that the archive, the read-only rule, the lists' default year and the
/// profiles all turn with the establishment's own change.
enum EstablishmentYear {
    /// The région's current year's id, as a scalar subquery.
    static let regional: SQLQueryString = "(SELECT id FROM school_years WHERE state = \(SchoolYearState.current))"

    /// The id of the year of the establishment row aliased `alias`, as an SQL expression.
    static func id(of alias: String) -> SQLQueryString {
        "COALESCE(\(ident: alias).current_year_id, \(regional))"
    }

    /// The own year of each of these accounts (`Viewer.ownYear`): the latest year of the
    /// establishments they have a profile in that is not of an archived year (so someone leaving
    /// an establishment whose change is done is in its new year too). Accounts without one are
    /// not in the result.
    static func ownYears(of accounts: [Int], on sql: any SQLDatabase) async throws -> [Int: Viewer.Year] {
        struct Row: Decodable { let account_id: Int; let id: Int; let name: String; let profile_year_state: SchoolYearState? }
        var years: [Int: Viewer.Year] = [:]
        for start in stride(from: 0, to: accounts.count, by: 500) {
            let chunk = Array(accounts[start..<min(start + 500, accounts.count)])
            let rows = try await sql.raw("""
                SELECT DISTINCT p.account_id, y.id, y.name, py.state AS profile_year_state FROM \(profilesWithYears)
                WHERE y.id IS NOT NULL AND p.account_id IN (\(binds: chunk))
                """).all(decoding: Row.self)
            for row in rows {
                years[row.account_id] = ownYear(years[row.account_id], or: Viewer.Year(id: row.id, name: try SchoolYearName(row.name)),
                                                profileYear: row.profile_year_state)
            }
        }
        return years
    }

    /// Profiles (`p`) with their establishment (`e`), that establishment's year (`y`, null
    /// between two years) and the profile's own year (`py`, null for a lasting role).
    static let profilesWithYears: SQLQueryString = """
        profiles p JOIN establishments e ON e.id = p.establishment_id
        LEFT JOIN school_years y ON y.id = \(id(of: "e")) LEFT JOIN school_years py ON py.id = p.school_year_id
        """

    /// The own year so far, or the year of one more profile's establishment if it is later —
    /// unless that profile is of an archived year (it says nothing of where the person is now).
    static func ownYear(_ current: Viewer.Year?, or candidate: Viewer.Year?, profileYear: SchoolYearState?) -> Viewer.Year? {
        guard let candidate, profileYear != .archived, current.map({ $0.name < candidate.name }) ?? true else { return current }
        return candidate
    }

    /// The year of one establishment (nil between two years, when nothing is current).
    static func of(_ establishmentID: Int, on sql: any SQLDatabase) async throws -> Viewer.Year? {
        struct Row: Decodable { let id: Int; let name: String }
        guard let row = try await sql.raw("""
            SELECT y.id, y.name FROM establishments e JOIN school_years y ON y.id = \(id(of: "e"))
            WHERE e.id = \(bind: establishmentID)
            """).first(decoding: Row.self) else { return nil }
        return Viewer.Year(id: row.id, name: try SchoolYearName(row.name))
    }
}

extension Viewer {
    /// The year this viewer sees an establishment in: the one loaded with its profiles there,
    /// or read (an operator's, or anyone's without a profile there).
    func year(of establishmentID: Int, on sql: any SQLDatabase) async throws -> Viewer.Year? {
        if let year = year(in: establishmentID) { return year }
        return try await EstablishmentYear.of(establishmentID, on: sql)
    }

    func year(of establishmentID: Int, on db: any Database) async throws -> Viewer.Year? {
        try await year(of: establishmentID, on: db.sql)
    }
}

extension DirectoryQueries {
    /// The year an establishment is in now (its own once its change is done).
    public func year(of establishmentID: Int) async throws -> Viewer.Year? {
        try await EstablishmentYear.of(establishmentID, on: db.sql)
    }
}
