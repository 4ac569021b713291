import Vapor

/// What the services' API refuses, in French; turned into an HTTP status only here.
enum ServiceError: Error, Equatable {
    case unknownTable(String)
    case notFound(table: String, id: Int)
    case forbidden(String)
    case invalid(field: String, reason: String)
    case dedicatedRoute(table: String, route: String)
    case archivedYear(String)
}

extension ServiceError: AbortError {
    var status: HTTPResponseStatus {
        switch self {
        case .unknownTable, .notFound: .notFound
        case .forbidden: .forbidden
        case .invalid: .badRequest
        case .dedicatedRoute: .methodNotAllowed
        case .archivedYear: .conflict
        }
    }

    var reason: String {
        switch self {
        case .unknownTable(let name): "Service inconnu : « \(name) »."
        case .notFound(let table, let id): "Aucune ligne \(id) dans « \(table) » qui vous soit accessible."
        case .forbidden(let why): why
        case .invalid(let field, let reason): "Champ « \(field) » : \(reason)."
        case .dedicatedRoute(let table, let route): "« \(table) » s'écrit par sa route dédiée : \(route)."
        case .archivedYear(let year): "L'année \(year) est archivée : ses données sont en lecture seule."
        }
    }
}
