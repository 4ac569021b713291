import BasculeDomain
import FluentKit

extension SchoolYear {
    /// The id of the year a client names (`2024-2025`), or of the current year when it names
    /// none (nil between two years).
    public static func id(named text: String?, on db: any Database) async throws -> Int? {
        guard let text else { return try await current(on: db)?.id }
        guard let name = try? SchoolYearName(text),
              let year = try await SchoolYear.query(on: db).filter(\.$name == name).first()
        else { throw ServiceError.invalid(field: "year", reason: "année scolaire « \(text) » inconnue") }
        return year.id
    }
}
