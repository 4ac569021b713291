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
        /// The establishment's own year: the next one as soon as its change is done, while
        /// establishments still changing (or held) stay in the région's year.
        public let year: Year?

        public init(establishmentID: Int, uai: String, establishmentName: String, kind: ProfileKind, year: Year?) {
            self.establishmentID = establishmentID
            self.uai = uai
            self.establishmentName = establishmentName
            self.kind = kind
            self.year = year
        }
    }

    /// A school year in force.
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
    /// The région's year in force: the year the change starts from. Each establishment has its
    /// own (`year(in:)`), which is the next one once its change is done.
    public let year: Year?
    /// The profiles of each establishment's year, and the roles that outlive years.
    public let memberships: [Membership]
    /// The viewer's own year, for what is personal (mail): the latest year of the establishments
    /// they belong to, this year or next, so that whoever belongs to an establishment whose
    /// change is done (even someone leaving it) is in the new year.
    public let ownYear: Year?

    /// `ownYear`: nil for the latest of the memberships' years (or the région's).
    public init(accountID: Int, isOperator: Bool, displayName: String, year: Year?, memberships: [Membership],
                ownYear: Year? = nil) {
        self.accountID = accountID
        self.isOperator = isOperator
        self.displayName = displayName
        self.year = year
        self.memberships = memberships
        self.ownYear = ownYear ?? memberships.compactMap(\.year).max { $0.name < $1.name } ?? year
    }

    /// The platform's console (the command line): an operator without an account, so what it
    /// starts is recorded as started by no one in particular.
    public static func console(year: Year?) -> Viewer {
        Viewer(accountID: 0, isOperator: true, displayName: "Console de la plateforme", year: year, memberships: [])
    }

    /// The account to record as the author of what this viewer does (none for the console).
    public var authorID: Int? { accountID > 0 ? accountID : nil }

    public func currentYear() throws(Failure) -> Year {
        guard let year else { throw .noCurrentYear }
        return year
    }

    /// The year of an establishment the viewer has a profile in (its own year); nil elsewhere,
    /// where the stores read it (the operator's view).
    public func year(in establishmentID: Int) -> Year? {
        memberships.first { $0.establishmentID == establishmentID }?.year
    }

    /// Every year the viewer is in, through one establishment or another.
    public var yearIDs: [Int] {
        let ids = Set(memberships.compactMap(\.year?.id))
        return ids.isEmpty ? [year?.id].compactMap { $0 } : ids.sorted()
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
