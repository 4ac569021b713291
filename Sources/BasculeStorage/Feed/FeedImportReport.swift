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

    /// One line of the report: a kind (`establishment`, `subject`, `mef`, `student`, `parent`,
    /// `personnel`) in an establishment (its UAI), or for the whole export (`nil`).
    public struct Line: Codable, Sendable {
        public var uai: String?
        public var kind: String
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
    /// How long each stage took: staging, checks, each merge step.
    public var steps: [Step] = []
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

    /// Totals per kind, over all establishments.
    public var totals: [String: Counts] {
        lines.reduce(into: [:]) { $0[$1.kind, default: Counts()] = $0[$1.kind, default: Counts()] + $1.counts }
    }

    /// Nothing would change: a re-import of the same export.
    public var isUnchanged: Bool { lines.allSatisfy(\.counts.isQuiet) }
}
