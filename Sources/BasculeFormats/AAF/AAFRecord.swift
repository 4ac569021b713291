import BasculeDomain

/// One request of an AAF file, as read: what to do, to what, with which attributes.
public struct AAFRecord: Sendable, Equatable {
    public enum Operation: String, Sendable {
        case add = "addRequest"
        case modify = "modifyRequest"
        case delete = "deleteRequest"
    }

    public var operation: Operation
    public var category: String
    public var id: String
    /// Attribute name → values (an empty `<value/>` is dropped). Unknown names are kept: the
    /// format grows, and a new attribute must not break an import.
    public var attributes: [String: [String]]
    /// The line where the request starts, for error messages.
    public var line: Int

    public func values(_ name: String) -> [String] { attributes[name] ?? [] }
    public func value(_ name: String) -> String? { attributes[name]?.first }

    /// `$`-separated fields of each value ("3000$1AQUA" → ["3000", "1AQUA"]).
    public func fields(_ name: String) -> [[String]] {
        values(name).map { $0.split(separator: "$", omittingEmptySubsequences: false).map(String.init) }
    }
}
