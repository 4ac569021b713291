/// What the directory's stores refuse, with the reason the client is shown (in French);
/// turned into an HTTP status only at the edge.
public enum DirectoryError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case forbidden(String)
    case invalid(String)

    public var reason: String {
        switch self {
        case .notFound(let why), .forbidden(let why), .invalid(let why): why
        }
    }

    public var description: String { reason }
}
