import BasculeDomain
import SQLKit

/// What the guide leaves to the establishment before the change, each with its count, the
/// concrete list (the first `listLimit` entries), the action Bascule offers and whether it is
/// done (recomputed: `YearChangeChecklist+Done.swift`).
public struct ChecklistItem: Sendable, Codable, Equatable {
    public typealias Kind = YearChangeChecklistItem.Settlement

    public struct Entry: Sendable, Codable, Equatable {
        public let id: Int
        public let label: String
        public let count: Int?
    }

    public let id: YearChangeChecklistItem
    public let label: String
    public let risk: String
    public let action: String
    public let count: Int
    public let entries: [Entry]
    public var kind: Kind = .export
    public var isDone = false
    /// The last export or notification: when and by whom.
    public var doneNote: String?
}

struct YearChangeChecklist {
    let scope: YearChangeScope
    let sql: any SQLDatabase
    let listLimit: Int
    /// The rules' counts the caller has already made (the plan), so that none is made twice.
    var ruleCounts: [YearChangeRule.ID: Int] = [:]

    func items() async throws -> [ChecklistItem] {
        let events = try await lastEvents()
        var items: [ChecklistItem] = []
        for var item in try await listed() {
            item.kind = item.id.settlement
            (item.isDone, item.doneNote) = try await done(item.id, count: item.count, last: events[item.id])
            items.append(item)
        }
        return items
    }

    private func listed() async throws -> [ChecklistItem] {
        let e = scope.establishment, y = scope.fromYearBind
        let steps = YearChangeSteps(scope: scope, sql: sql)
        let yearRows: (String) async throws -> Int = { try await steps.yearRows($0) }
        let ruleCount: (YearChangeRule.ID) async throws -> Int = { id in
            if let known = ruleCounts[id] { return known }
            return try await steps.count(id)
        }
        return [
            try await item(.absenceFiles, "Dossiers d'absences", risk: "non archivés", action: "exporter (CSV et version imprimable)",
                           count: yearRows("absence_files"), list: """
                SELECT f.id, a.last_name || ' ' || a.first_name AS label, NULL AS n FROM absence_files f
                JOIN accounts a ON a.id = f.student_id WHERE f.establishment_id = \(e) AND f.school_year_id = \(y) ORDER BY label, f.id
                """),
            ChecklistItem(id: .absenceStatistics, label: "Statistiques d'absences", risk: "non archivées", action: "exporter",
                          count: try await yearRows("absences"), entries: []),
            ChecklistItem(id: .disciplineStatistics, label: "Statistiques de punitions et de sanctions", risk: "non archivées",
                          action: "exporter", count: try await yearRows("punishments") + yearRows("sanctions"), entries: []),
            ChecklistItem(id: .studentPhotos, label: "Photos des fiches élèves", risk: "non archivées", action: "exporter (ZIP)",
                          count: try await yearRows("student_photos"), entries: []),
            try await item(.classCouncilSummaries, "Synthèses des conseils de classe", risk: "non archivées", action: "exporter",
                           count: yearRows("class_council_summaries"), list: """
                SELECT c.id, c.code AS label, COUNT(*) AS n FROM class_council_summaries s JOIN classes c ON c.id = s.class_id
                WHERE s.establishment_id = \(e) AND s.school_year_id = \(y) GROUP BY c.id, c.code ORDER BY c.code
                """),
            try await item(.unfiledInbox, "Messages non classés de la boîte de réception", risk: "supprimés",
                           action: "classer dans un dossier personnel ; prévenir les titulaires par la messagerie",
                           count: ruleCount(.hideUnfiledInbox), list: """
                SELECT id, label, n FROM (
                    SELECT a.id, a.last_name || ' ' || a.first_name AS label, (SELECT COUNT(*) FROM mail_deliveries d
                        WHERE d.account_id = a.id AND d.school_year_id = \(y) AND d.folder_id IS NULL
                        AND d.is_archived = \(bind: false)) AS n
                    FROM accounts a WHERE a.id IN (\(scope.members))) unfiled
                WHERE n > 0 ORDER BY n DESC, label
                """),
            try await item(.temporarySections, "Rubriques temporaires", risk: "archivées ; leurs publications quittent les pages d'accueil et le site public",
                           action: "décocher « Rubrique temporaire »",
                           count: sql.count("sections WHERE establishment_id = \(e) AND kind = \(SectionKind.standard) AND is_temporary = \(bind: true) AND binned_on IS NULL"),
                           list: """
                SELECT s.id, s.title AS label, (SELECT COUNT(*) FROM publications p WHERE p.section_id = s.id
                    AND (p.on_home_page = \(bind: true) OR p.on_public_site = \(bind: true))) AS n
                FROM sections s WHERE s.id IN (\(steps.temporaryToArchive)) ORDER BY s.title
                """),
            try await item(.manualGroups, "Groupes créés à la main, limités à l'année", risk: "supprimés",
                           action: "passer la durée de vie à « Non limitée »", count: ruleCount(.removeManualGroups), list: """
                SELECT g.id, g.name AS label, (SELECT COUNT(*) FROM group_memberships m WHERE m.group_id = g.id) AS n FROM groups g
                WHERE g.establishment_id = \(e) AND g.school_year_id = \(y) AND g.kind = \(GroupKind.manual) AND g.lifetime = \(GroupLifetime.schoolYear)
                ORDER BY g.name
                """),
            try await item(.manualAccounts, "Comptes créés à la main, non pérennes", risk: "supprimés", action: "rendre pérenne",
                           count: ruleCount(.disableManualAccounts), list: """
                SELECT id, last_name || ' ' || first_name || ' (' || login || ')' AS label, NULL AS n FROM accounts
                WHERE \(steps.manualAccounts) ORDER BY label
                """),
            try await item(.moodleLeavingTeachers, "Cours Moodle des enseignants qui quittent l'établissement",
                           risk: "cachés dans la corbeille de Moodle", action: "exporter les cours",
                           count: ruleCount(.moodleCategories), list: """
                SELECT c.id, c.name AS label, (SELECT COUNT(*) FROM moodle_courses m WHERE m.category_id = c.id) AS n
                FROM moodle_categories c WHERE c.id IN (SELECT id FROM moodle_categories WHERE \(steps.leavingTeachersCategories))
                ORDER BY c.name
                """),
            ChecklistItem(id: .liaisonConversations, label: "Conversations du carnet de liaison", risk: "non conservées",
                          action: "exporter", count: try await yearRows("liaison_conversations"), entries: []),
        ]
    }

    private func item(_ id: YearChangeChecklistItem, _ label: String, risk: String, action: String, count: Int,
                      list: SQLQueryString) async throws -> ChecklistItem {
        struct Row: Decodable { let id: Int; let label: String; let n: Int? }
        let rows = count == 0 ? [] : try await sql.raw("\(list) LIMIT \(unsafeRaw: String(listLimit))").all(decoding: Row.self)
        return ChecklistItem(id: id, label: label, risk: risk, action: action, count: count,
                             entries: rows.map { .init(id: $0.id, label: $0.label, count: $0.n) })
    }
}
