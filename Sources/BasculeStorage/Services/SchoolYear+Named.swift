import BasculeDomain
import FluentKit
import SQLKit

extension SchoolYear {
    /// The id of the year a client names (`2024-2025`), or `otherwise` when it names none.
    static func id(named text: String?, otherwise: Viewer.Year?, on db: any Database) async throws -> Int? {
        guard let text else { return otherwise?.id }
        guard let name = try? SchoolYearName(text),
              let year = try await SchoolYear.query(on: db).filter(\.$name == name).first()
        else { throw ServiceError.invalid(field: "year", reason: "année scolaire « \(text) » inconnue") }
        return year.id
    }

    /// The year with this id (a past year read from its archive), or `otherwise` when none is asked.
    static func named(id: Int?, otherwise: Viewer.Year, on db: any Database) async throws -> Viewer.Year {
        guard let id else { return otherwise }
        guard let name = try await db.sql.raw("SELECT name FROM school_years WHERE id = \(bind: id)")
            .first(decodingColumn: "name", as: String.self) else {
            throw ServiceError.notFound(table: "school_years", id: id)
        }
        return Viewer.Year(id: id, name: try SchoolYearName(name))
    }
}

extension ServiceStore {
    /// The year an establishment's list is read for: the one a client names, or the
    /// establishment's own (nil between two years).
    public func listYearID(named text: String?, establishmentID: Int) async throws -> Int? {
        try await SchoolYear.id(named: text, otherwise: try await viewer.year(of: establishmentID, on: db), on: db)
    }
}

extension MailStore {
    /// The year an inbox is read for: the one a client names, or the viewer's own.
    public func inboxYearID(named text: String?) async throws -> Int? {
        try await SchoolYear.id(named: text, otherwise: viewer.ownYear, on: db)
    }
}
