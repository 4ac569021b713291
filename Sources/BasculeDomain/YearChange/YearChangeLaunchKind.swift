/// What the operator's console started in the background (`year_change_launches.kind`).
public enum YearChangeLaunchKind: String, Sendable, Codable, CaseIterable {
    case run
    /// A run that goes past the safety holds (`--confirm`).
    case runConfirmed = "run_confirmed"
    case undo

    /// As the console lists it.
    public var label: String {
        switch self {
        case .run: "changement"
        case .runConfirmed: "changement confirmé"
        case .undo: "annulation"
        }
    }
}
