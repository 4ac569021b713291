import BasculeStorage
import Vapor

extension DirectoryError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .invalid: .badRequest
        }
    }
}
