/// What the services' stores refuse, in French; turned into an HTTP status only at the edge
/// (BasculeApp's `ServiceError+HTTP.swift`).
public enum ServiceError: Error, Equatable {
    case unknownTable(String)
    case notFound(table: String, id: Int)
    case forbidden(String)
    case invalid(field: String, reason: String)
    case dedicatedRoute(table: String, route: String)
    case archivedYear(String)
    case tooLarge(maxBytes: Int)
    case tooSlow
    case conflict(table: String, keys: [String])
    case unsupportedFile(String)
    case tooMany(String)

    public var reason: String {
        switch self {
        case .unknownTable(let name): "Service inconnu : « \(name) »."
        case .notFound(let table, let id): "Aucune ligne \(id) dans « \(table) » qui vous soit accessible."
        case .forbidden(let why): why
        case .invalid(let field, let reason): "Champ « \(field) » : \(reason)."
        case .dedicatedRoute(let table, let route): "« \(table) » s'écrit par sa route dédiée : \(route)."
        case .archivedYear(let year): "L'année \(year) est archivée : ses données sont en lecture seule."
        case .tooLarge(let maxBytes): "Fichier trop volumineux : \(maxBytes / 1_048_576) Mo au plus."
        case .conflict(let table, let keys):
            keys.isEmpty ? "Ligne refusée dans « \(table) » : elle contredit une autre ligne."
                : "Ligne refusée dans « \(table) » : il en existe déjà une pour \(keys.map { "(\($0))" }.joined(separator: " ou "))."
        case .tooSlow: "Envoi trop lent : réessayez avec une meilleure connexion."
        case .unsupportedFile(let why): "Fichier refusé : \(why)."
        case .tooMany(let why): why
        }
    }

    static let noCurrentYear = ServiceError.forbidden("Aucune année scolaire en cours.")
}
