import BasculeDomain
import SQLKit

/// The names the command line gives (a UAI, a class's code, a year) turned into what the store reads.
public struct TimetableLookup: Sendable {
    public let establishmentID: Int
    public let yearID: Int?
}

extension TimetableStore {
    /// The establishment of a UAI and, when named, the id of a school year.
    public func lookup(uai: String, year: SchoolYearName? = nil) async throws -> TimetableLookup {
        guard let establishmentID = try await sql.raw("SELECT id FROM establishments WHERE uai = \(bind: uai.uppercased())")
            .first(decodingColumn: "id", as: Int.self)
        else { throw ServiceError.invalid(field: "uai", reason: "aucun établissement n'a l'UAI « \(uai) »") }
        guard let year else { return TimetableLookup(establishmentID: establishmentID, yearID: nil) }
        guard let yearID = try await sql.raw("SELECT id FROM school_years WHERE name = \(bind: year.description)")
            .first(decodingColumn: "id", as: Int.self)
        else { throw ServiceError.invalid(field: "year", reason: "l'année scolaire \(year.description) n'existe pas dans Bascule") }
        return TimetableLookup(establishmentID: establishmentID, yearID: yearID)
    }

    /// A class of the establishment's year by its code (case aside), as the command line names it.
    public func classID(code: String, in establishmentID: Int, yearID asked: Int? = nil) async throws -> Int {
        let yearID = try yearID(asked, in: establishmentID)
        guard let id = try await sql.raw("""
            SELECT id FROM classes WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            AND UPPER(code) = \(bind: code.uppercased())
            """).first(decodingColumn: "id", as: Int.self)
        else { throw ServiceError.invalid(field: "class", reason: "aucune classe « \(code) » dans cet établissement cette année-là") }
        return id
    }
}

extension ViewerStore {
    /// The platform's console, in the région's year.
    public func console() async throws -> Viewer {
        let region = try await SchoolYear.current(on: db)
        return Viewer.console(year: try region.map { Viewer.Year(id: try $0.requireID(), name: $0.name) })
    }
}
