/// Where an establishment's change stands, as its journal (`year_change_runs.state`) says.
public enum YearChangeRunState: String, Sendable, Codable, CaseIterable {
    /// Started, not finished: a run that died stops here and the next run resumes it.
    case running
    /// Stopped before a step that would touch more than the safety share, until `--confirm`.
    case held
    case done
    /// Put back by `undo`; a new run may start.
    case undone
    /// Done, and what it hid is deleted for good: it no longer undoes.
    case purged

    /// As the dashboard and the console say it.
    public var label: String {
        switch self {
        case .running: "en cours (reprendra où il s'est arrêté)"
        case .held: "en attente de confirmation"
        case .done: "changé"
        case .undone: "annulé"
        case .purged: "changé, purgé"
        }
    }
}
