import BasculeStorage
import Vapor

extension ServiceError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .unknownTable, .notFound: .notFound
        case .forbidden: .forbidden
        case .invalid: .badRequest
        case .dedicatedRoute: .methodNotAllowed
        case .archivedYear: .conflict
        case .tooLarge: .payloadTooLarge
        case .unsupportedFile: .unsupportedMediaType
        case .tooMany: .tooManyRequests
        }
    }
}
