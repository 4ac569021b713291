/// What became of an import, as `import_runs.state` keeps it: staging while it runs, then
/// its report's outcome, or refused (the export is wrong) or failed (the import stopped: an
/// error, or a process killed and found staging by the next import).
public enum ImportRunState: String, Sendable, Codable {
    case staging, applied, held, dryRun = "dry_run", refused, failed

    init(_ outcome: FeedImportReport.State) {
        switch outcome {
        case .applied: self = .applied
        case .held: self = .held
        case .dryRun: self = .dryRun
        }
    }
}
