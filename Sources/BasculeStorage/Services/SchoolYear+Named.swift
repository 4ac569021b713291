import BasculeDomain
import FluentKit

extension SchoolYear {
    /// The id of the year a client names (`2024-2025`), or `otherwise` when it names none.
    static func id(named text: String?, otherwise: Viewer.Year?, on db: any Database) async throws -> Int? {
        guard let text else { return otherwise?.id }
        guard let name = try? SchoolYearName(text),
              let year = try await SchoolYear.query(on: db).filter(\.$name == name).first()
        else { throw ServiceError.invalid(field: "year", reason: "année scolaire « \(text) » inconnue") }
        return year.id
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
