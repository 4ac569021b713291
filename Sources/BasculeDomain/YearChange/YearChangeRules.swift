/// The year change as data: one row per kind of data, in the order the engine runs them, to be
/// read side by side with `year-change-rules.md` (the operator's column of the guide). The
/// engine (`YearChangeEngine` in BasculeStorage) executes each row's action with set-based SQL;
/// no service carries year-change logic of its own.
///
/// Nothing is deleted for good during a change: what the guide deletes is hidden, disabled or
/// binned at once and deleted by `year-change purge` once its window has passed. Until then a
/// change can be undone.
public enum YearChangeRules {
    public static let all: [YearChangeRule] = [
        .init(.emptyRecycleBin, "Corbeille", .emptyRecycleBin,
              after: "supprimé définitivement à la purge (ce que la corbeille contenait avant le changement)"),
        .init(.archiveLogbooks, "Cahiers de textes des classes", .archive(section: "Année précédente"),
              after: "sous-rubrique « Année précédente » de la rubrique « Classes », en lecture seule"),
        .init(.archiveRollCalls, "Feuilles d'appel", .archive(section: "Archives des registres d'appel"),
              after: "rubrique « Archives des registres d'appel »"),
        .init(.archivePunishments, "Punitions", .archive(section: "Archives des punitions"),
              after: "rubrique « Archives des punitions »"),
        .init(.archiveAssessments, "Relevés d'évaluations", .archive(section: "Archives des relevés d'évaluations"),
              after: "rubrique « Archives des relevés d'évaluations »"),
        .init(.archiveSkills, "Relevés de compétences", .archive(section: "Archivage des relevés de compétences"),
              after: "rubrique « Archivage des relevés de compétences »"),
        .init(.archiveReportCards, "Bulletins périodiques", .archive(section: "Archives des bulletins périodiques"),
              after: "rubrique « Archives des bulletins périodiques »"),
        .init(.archiveCycleReviews, "Bilans de fin de cycle", .archive(section: "Archivage des bilans de fin de cycle"),
              after: "rubrique « Archivage des bilans de fin de cycle »"),
        .init(.archiveEPI, "EPI", .archive(section: "Archive des EPI"), after: "rubrique « Archive des EPI »"),
        .init(.sanctionsToHeads, "Sanctions", .mailToHeads,
              after: "fichier CSV envoyé par messagerie interne à chaque chef d'établissement"),
        .init(.archiveSections, "Rubriques de classe et rubriques temporaires", .moveToArchiveSection,
              after: "rubrique d'archives de l'année, à la rentrée"),
        .init(.stripTemporaryRoles, "Rôles des rubriques temporaires archivées", .removeRolesExceptManagers,
              after: "seuls les gestionnaires gardent leur rôle"),
        .init(.unpublishTemporary, "Publications des rubriques temporaires archivées", .unpublish,
              after: "retirées des pages d'accueil et du site public"),
        .init(.classSpacesToBin, "Espaces de classe", .recycleBin(restoreDays: 365),
              after: "rubrique « Corbeille », restaurables pendant une année scolaire"),
        .init(.hideUnfiledInbox, "Messages de la boîte de réception non classés", .hide(purgeAfterDays: 30),
              after: "masqués au changement, supprimés à la purge"),
        .init(.removeManualGroups, "Groupes créés à la main, limités à l'année", .endWithYear(purgeAfterDays: 30),
              after: "absents de la nouvelle année, supprimés à la purge"),
        .init(.disableManualAccounts, "Comptes créés à la main, non pérennes", .disable(purgeAfterDays: 90),
              after: "désactivés au changement, supprimés à la purge"),
        .init(.moodleCategories, "Catégories Moodle des enseignants qui ne sont plus dans l'annuaire", .moodleRecycleBin,
              after: "catégorie « Corbeille » de Moodle, cachées ; les gestionnaires Moodle peuvent les exporter"),
        .init(.resetResourceAssignments, "Affectations des ressources du Médiacentre (GAR)", .reset,
              after: "à refaire par le référent d'affectation ; celles de l'an passé lui sont proposées"),
        .init(.keepTimetable, "Emploi du temps de l'année qui se termine", .keep,
              after: "gardé en lecture seule avec son année ; la nouvelle année n'a de cours qu'à l'import de son propre emploi du temps"),
        .init(.keepSettings, "Paramètres, services personnels, préférences, communications ciblées, droits, rubriques pérennes",
              .keep, after: "inchangés"),
        .init(.newYear, "Annuaire de la nouvelle année", .becomeCurrent,
              after: "l'établissement passe dans l'année suivante dès la fin de son changement ; elle devient l'année en cours de la région quand tous ont changé"),
    ]

    public static func rule(_ id: YearChangeRule.ID) -> YearChangeRule { all.first { $0.id == id }! }

    /// The rules that make an archive section (it records which, in `sections.archive_rule`).
    public static var archiveRuleIDs: [YearChangeRule.ID] {
        all.filter {
            switch $0.action {
            case .archive, .moveToArchiveSection: true
            default: false
            }
        }.map(\.id)
    }
}

public struct YearChangeRule: Sendable, Identifiable {
    /// The step's name in the journal and on the command line.
    public enum ID: String, Sendable, CaseIterable, Codable {
        case emptyRecycleBin = "empty_recycle_bin"
        case archiveLogbooks = "archive_logbooks", archiveRollCalls = "archive_roll_calls"
        case archivePunishments = "archive_punishments", archiveAssessments = "archive_assessments"
        case archiveSkills = "archive_skills", archiveReportCards = "archive_report_cards"
        case archiveCycleReviews = "archive_cycle_reviews", archiveEPI = "archive_epi"
        case sanctionsToHeads = "sanctions_to_heads", archiveSections = "archive_sections"
        case stripTemporaryRoles = "strip_temporary_roles", unpublishTemporary = "unpublish_temporary"
        case classSpacesToBin = "class_spaces_to_bin", hideUnfiledInbox = "hide_unfiled_inbox"
        case removeManualGroups = "remove_manual_groups", disableManualAccounts = "disable_manual_accounts"
        case moodleCategories = "moodle_categories", resetResourceAssignments = "reset_resource_assignments"
        case keepTimetable = "keep_timetable", keepSettings = "keep_settings", newYear = "new_year"
    }

    public enum Action: Sendable, Equatable {
        /// Kept as is.
        case keep
        /// The year's rows stay where they are, read-only; an archive section points at them.
        case archive(section: String)
        /// A CSV of the year's rows, mailed to each head of establishment.
        case mailToHeads
        /// Sections moved under the year's archive section.
        case moveToArchiveSection
        case removeRolesExceptManagers
        /// Off the home page and the public site.
        case unpublish
        /// Moved to the recycle bin, restorable for this many days.
        case recycleBin(restoreDays: Int)
        /// What the bin held before is marked purged (hidden), deleted for good at the purge.
        case emptyRecycleBin
        /// Hidden by the year's end, deleted for good this many days later.
        case hide(purgeAfterDays: Int)
        /// Belongs to the ending year only: absent from the new one, deleted at the purge.
        case endWithYear(purgeAfterDays: Int)
        /// Accounts that can no longer sign in, deleted at the purge.
        case disable(purgeAfterDays: Int)
        case moodleRecycleBin
        /// Starts empty in the new year.
        case reset
        case becomeCurrent
    }

    public let id: ID
    /// The data, as the guide names it.
    public let data: String
    public let action: Action
    /// Where it can be found afterwards.
    public let after: String

    init(_ id: ID, _ data: String, _ action: Action, after: String) {
        self.id = id
        self.data = data
        self.action = action
        self.after = after
    }
}
