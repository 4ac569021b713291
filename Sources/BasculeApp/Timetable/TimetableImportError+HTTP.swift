import BasculeStorage
import Vapor

extension TimetableImportError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .unreadable, .otherEstablishment, .outOfYear: .unprocessableEntity
        case .forbidden: .forbidden
        case .unknownEstablishment, .unknownYear: .notFound
        case .archivedYear: .conflict
        }
    }

    public var reason: String { description }
}
