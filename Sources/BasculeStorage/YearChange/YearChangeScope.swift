import BasculeDomain
import SQLKit

/// One establishment's change: from which year to which, as of which date. Every date a step
/// writes is `asOf`, fixed when the run starts, so that a resumed run writes what an
/// uninterrupted one would have.
public struct YearChangeScope: Sendable {
    public let establishmentID: Int
    public let fromYearID: Int
    public let toYearID: Int
    public let fromYear: SchoolYearName
    public let asOf: CalendarDate

    public init(establishmentID: Int, fromYearID: Int, toYearID: Int, fromYear: SchoolYearName, asOf: CalendarDate) {
        self.establishmentID = establishmentID
        self.fromYearID = fromYearID
        self.toYearID = toYearID
        self.fromYear = fromYear
        self.asOf = asOf
    }

    var establishment: SQLQueryString { "\(bind: establishmentID)" }
    var fromYearBind: SQLQueryString { "\(bind: fromYearID)" }

    /// The year's temporary and class sections, once archived: under the year's archive section.
    func archivedTemporarySections(archiveSection: Int) -> SQLQueryString {
        "SELECT id FROM sections WHERE parent_id = \(bind: archiveSection) AND is_temporary = \(bind: true)"
    }

    /// Accounts with a profile in the establishment.
    var members: SQLQueryString {
        "SELECT account_id FROM profiles WHERE establishment_id = \(bind: establishmentID)"
    }
}

extension SQLDatabase {
    func count(_ query: SQLQueryString) async throws -> Int {
        try await raw("SELECT COUNT(*) AS n FROM \(query)").first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
