import BasculeStorage
import Vapor

extension ServiceError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .unknownTable, .notFound: .notFound
        case .forbidden: .forbidden
        case .invalid: .badRequest
        case .dedicatedRoute: .methodNotAllowed
        case .archivedYear, .conflict: .conflict
        case .tooLarge: .payloadTooLarge
        case .tooSlow: .requestTimeout
        case .unsupportedFile: .unsupportedMediaType
        case .tooMany: .tooManyRequests
        }
    }
}
