import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension YearChangeEngine {
    public struct StepPlan: Sendable, Codable, Equatable {
        public let step: String
        public let data: String
        public let action: String
        public let rows: Int
        public let after: String
    }

    public struct EstablishmentPlan: Sendable, Codable {
        public let uai: String
        public let name: String
        /// `pending`, `running`, `held`, `done`.
        public let state: String
        public let steps: [StepPlan]
        public let checklist: [ChecklistItem]
        /// The memberships the timetable ends before the change (the guide's mode-2 trap), when any.
        public let timetableEndings: TimetableEndingMemberships?
    }

    /// What a run would do, per establishment and per rule, with the establishment's checklist.
    /// Writes nothing (the next year is not even created).
    public func plan(from: SchoolYearName, uais: [String] = [], asOf: CalendarDate, listLimit: Int = 50) async throws
        -> [EstablishmentPlan] {
        let years = try await years(from: from, create: false)
        var plans: [EstablishmentPlan] = []
        let changeDate = TimetableYearEnd.changeDate(of: from, phases: try await AccessCalendar.load(on: sql).phases)
        for establishment in try await establishments(uais) {
            let state = try await state(of: establishment.id, fromYearID: years.from)
            let scope = YearChangeScope(establishmentID: establishment.id, fromYearID: years.from, toYearID: years.to ?? -1,
                                        fromYear: from, asOf: asOf)
            // One read transaction per establishment: its counts are of one moment.
            let (stepPlans, checklist, endings) = try await db.transaction { database in
                let tx = database as! any SQLDatabase
                let steps = YearChangeSteps(scope: scope, sql: tx)
                var stepPlans: [StepPlan] = []
                for rule in YearChangeRules.all {
                    stepPlans.append(StepPlan(step: rule.id.rawValue, data: rule.data, action: rule.action.label,
                                              rows: try await steps.count(rule.id), after: rule.after))
                }
                let endings = try await TimetableMembershipEnds(sql: tx, establishmentID: establishment.id, yearID: years.from)
                    .ending(before: changeDate)
                let counts = Dictionary(uniqueKeysWithValues: zip(YearChangeRules.all.map(\.id), stepPlans.map(\.rows)))
                let checklist = YearChangeChecklist(scope: scope, sql: tx, listLimit: listLimit, ruleCounts: counts)
                return (stepPlans, try await checklist.items(),
                        endings.isEmpty ? nil : endings)
            }
            plans.append(EstablishmentPlan(uai: establishment.uai, name: establishment.name, state: state, steps: stepPlans,
                                           checklist: checklist, timetableEndings: endings))
        }
        return plans
    }
}

extension YearChangeEngine {
    /// How ready an establishment is: its checklist items done, and the state of its change.
    public struct Readiness: Sendable, Codable {
        public let uai: String
        public let name: String
        public let state: String
        public let done: Int
        public let total: Int
    }

    /// The readiness of the establishments (all when `uais` is empty): the checklist without
    /// its lists nor the plan's counts, for the operator's console.
    public func readiness(from: SchoolYearName, uais: [String] = []) async throws -> [Readiness] {
        let years = try await years(from: from, create: false)
        var result: [Readiness] = []
        for establishment in try await establishments(uais) {
            let scope = YearChangeScope(establishmentID: establishment.id, fromYearID: years.from, toYearID: years.to ?? -1,
                                        fromYear: from, asOf: from.defaultStart)
            let items = try await YearChangeChecklist(scope: scope, sql: sql, listLimit: 0).items()
            result.append(Readiness(uai: establishment.uai, name: establishment.name,
                                    state: try await state(of: establishment.id, fromYearID: years.from),
                                    done: items.filter(\.isDone).count, total: items.count))
        }
        return result
    }

    /// `pending`, or the state of the establishment's last run from this year that was not undone.
    func state(of establishmentID: Int, fromYearID: Int) async throws -> String {
        try await sql.raw("""
            SELECT state FROM year_change_runs WHERE establishment_id = \(bind: establishmentID)
            AND from_year_id = \(bind: fromYearID) AND state <> \(YearChangeRunState.undone) ORDER BY id DESC LIMIT 1
            """).first(decodingColumn: "state", as: String.self) ?? "pending"
    }
}

extension YearChangeRule.Action {
    /// In French, for the plan.
    public var label: String {
        switch self {
        case .keep: "conservé"
        case .archive(let section): "archivé dans « \(section) »"
        case .mailToHeads: "archivé en CSV, envoyé aux chefs d'établissement"
        case .moveToArchiveSection: "déplacé dans la rubrique d'archives"
        case .removeRolesExceptManagers: "rôles retirés, sauf gestionnaires"
        case .unpublish: "retiré des pages d'accueil et du site public"
        case .recycleBin(let days): "mis à la corbeille, restaurable \(days) jours"
        case .emptyRecycleBin: "corbeille vidée (purgé à la purge)"
        case .hide(let days): "masqué, supprimé après \(days) jours"
        case .endWithYear(let days): "supprimé avec l'année (purge après \(days) jours)"
        case .disable(let days): "désactivé, supprimé après \(days) jours"
        case .moodleRecycleBin: "mis à la corbeille de Moodle et caché"
        case .reset: "réinitialisé"
        case .becomeCurrent: "nouvelle année en cours"
        }
    }
}
