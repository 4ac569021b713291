/// What the guide leaves to each establishment before the change ("l'établissement doit
/// sauvegarder…"), one case per item of its checklist. The raw values name the items in the
/// database (`checklist_events.item`), the JSON API and the pages' anchors.
public enum YearChangeChecklistItem: String, Sendable, Codable, CaseIterable {
    case absenceFiles = "absence_files"
    case absenceStatistics = "absence_statistics"
    case disciplineStatistics = "discipline_statistics"
    case studentPhotos = "student_photos"
    case classCouncilSummaries = "class_council_summaries"
    case unfiledInbox = "unfiled_inbox"
    case temporarySections = "temporary_sections"
    case manualGroups = "manual_groups"
    case manualAccounts = "manual_accounts"
    case moodleLeavingTeachers = "moodle_leaving_teachers"
    case liaisonConversations = "liaison_conversations"

    /// What settles an item: an export of its rows, a fix of the rows listed, or telling the
    /// people concerned by mail.
    public enum Settlement: String, Sendable, Codable {
        case export, fix, notify
    }

    public var settlement: Settlement {
        switch self {
        case .unfiledInbox: .notify
        case .temporarySections, .manualGroups, .manualAccounts: .fix
        case .absenceFiles, .absenceStatistics, .disciplineStatistics, .studentPhotos, .classCouncilSummaries,
             .moodleLeavingTeachers, .liaisonConversations: .export
        }
    }
}
