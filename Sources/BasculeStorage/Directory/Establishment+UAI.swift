import BasculeDomain
import FluentKit

extension Establishment {
    /// The establishment with this UAI (an invalid code names nothing either).
    public static func find(uai text: String?, on db: any Database) async throws -> Establishment {
        guard let text, let uai = try? UAI(text),
              let establishment = try await Establishment.query(on: db).filter(\.$uai == uai).first()
        else { throw DirectoryError.notFound("Aucun établissement ne porte ce code UAI.") }
        return establishment
    }
}
