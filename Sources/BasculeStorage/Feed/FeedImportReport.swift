import BasculeDomain
import BasculeFormats

/// What an import did (or, for a dry run or a hold, would do): per kind and per establishment,
/// created / updated / unchanged / left / rejected, the establishments held, and the records
/// that could not be used. Stored as the import history, printed by the CLI.
public struct FeedImportReport: Codable, Sendable {
    public enum State: String, Codable, Sendable {
        /// Written to the directory (for the establishments not held).
        case applied
        /// Nothing written: every establishment of the export is held.
        case held
        /// Nothing written: `--dry-run`.
        case dryRun = "dry_run"
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var left = 0
        public var rejected = 0

        public init() {}

        public var isQuiet: Bool { created == 0 && updated == 0 && left == 0 }

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            var sum = lhs
            sum.created += rhs.created
            sum.updated += rhs.updated
            sum.unchanged += rhs.unchanged
            sum.left += rhs.left
            sum.rejected += rhs.rejected
            return sum
        }
    }

    /// One line of the report: a kind in an establishment (its UAI), or for the whole export
    /// (`nil`: establishments, subjects, MEF, and the records rejected before any establishment
    /// was known).
    public struct Line: Codable, Sendable {
        public var uai: String?
        public var kind: FeedReportKind
        public var counts: Counts
    }

    /// An establishment held because the export would mark too many of its accounts as left.
    public struct Hold: Codable, Sendable, Equatable {
        public var uai: String
        public var name: String
        public var active: Int
        public var leaving: Int
    }

    public struct Step: Codable, Sendable {
        public var name: String
        public var seconds: Double
    }

    /// An attribute no vocabulary of `AAFVocabulary` knows: ignored, and counted here, so that
    /// a new version of the format shows before it matters.
    public struct UnknownAttribute: Codable, Sendable, Equatable {
        /// The type of file (`PersEducNat`…).
        public var kind: String
        public var name: String
        public var records: Int
    }

    public var runID: Int
    public var source: String
    public var year: String
    public var exportDate: String
    public var state: State
    public var records: Int
    public var lines: [Line]
    public var holds: [Hold]
    public var rejections: [FeedRejection]
    public var seconds: Double
    /// How long each stage took: staging, checks, each merge step.
    public var steps: [Step] = []
    /// The lines summed per kind over the establishments (`uai` is `nil`), in the kinds' order.
    public var total: [Line] = []
    public var unknownAttributes: [UnknownAttribute] = []

    /// `total` by kind.
    public var totals: [FeedReportKind: Counts] {
        Dictionary(uniqueKeysWithValues: total.map { ($0.kind, $0.counts) })
    }

    /// Sums `lines` into `total`.
    mutating func sumLines() {
        let sums = lines.reduce(into: [FeedReportKind: Counts]()) { $0[$1.kind, default: Counts()] = $0[$1.kind, default: Counts()] + $1.counts }
        total = sums.keys.sorted().map { Line(uai: nil, kind: $0, counts: sums[$0]!) }
    }

    /// Nothing would change: a re-import of the same export.
    public var isUnchanged: Bool { lines.allSatisfy(\.counts.isQuiet) }
}
