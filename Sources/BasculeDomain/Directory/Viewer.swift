/// Who is asking, with what they are in which establishment this year. Loaded once per request
/// (BasculeStorage's `ViewerStore`); every page, API route and store starts from it. The access
/// decisions that need no query are in `Viewer+Access.swift`; those that read rows are in the
/// stores.
public struct Viewer: Sendable, Equatable {
    public struct Membership: Sendable, Equatable {
        public let establishmentID: Int
        public let uai: String
        public let establishmentName: String
        public let kind: ProfileKind

        public init(establishmentID: Int, uai: String, establishmentName: String, kind: ProfileKind) {
            self.establishmentID = establishmentID
            self.uai = uai
            self.establishmentName = establishmentName
            self.kind = kind
        }
    }

    /// The school year in force.
    public struct Year: Sendable, Equatable {
        public let id: Int
        public let name: SchoolYearName

        public init(id: Int, name: SchoolYearName) {
            self.id = id
            self.name = name
        }
    }

    /// Between two years there is no change to prepare, and nothing to write to.
    public enum Failure: Error, Equatable {
        case noCurrentYear
    }

    public let accountID: Int
    public let isOperator: Bool
    /// "First Last", for the pages' header.
    public let displayName: String
    public let year: Year?
    /// The profiles of the current year, and the roles that outlive years.
    public let memberships: [Membership]

    public init(accountID: Int, isOperator: Bool, displayName: String, year: Year?, memberships: [Membership]) {
        self.accountID = accountID
        self.isOperator = isOperator
        self.displayName = displayName
        self.year = year
        self.memberships = memberships
    }

    public func currentYear() throws(Failure) -> Year {
        guard let year else { throw .noCurrentYear }
        return year
    }

    public func kinds(in establishmentID: Int) -> Set<ProfileKind> {
        Set(memberships.filter { $0.establishmentID == establishmentID }.map(\.kind))
    }

    public var kindsByEstablishment: [Int: Set<ProfileKind>] {
        Dictionary(grouping: memberships, by: \.establishmentID).mapValues { Set($0.map(\.kind)) }
    }

    /// Establishments the viewer belongs to, each once, by name.
    public var establishments: [(id: Int, uai: String, name: String)] {
        var seen = Set<Int>()
        return memberships.compactMap { m in
            seen.insert(m.establishmentID).inserted ? (m.establishmentID, m.uai, m.establishmentName) : nil
        }.sorted { $0.name < $1.name }
    }
}
