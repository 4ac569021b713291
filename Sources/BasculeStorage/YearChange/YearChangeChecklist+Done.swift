import BasculeDomain
import SQLKit

/// When a checklist item is done, recomputed from the data each time the page is read:
/// - an item to export is done while the last export holds the same rows (same count and same
///   newest row, so a row added or removed since undoes the tick);
/// - an item to fix is done when nothing is left to fix;
/// - the unfiled inboxes are done when every holder left has been told by mail.
extension YearChangeChecklist {
    /// The items an export settles.
    static let exportedItems = YearChangeChecklistItem.allCases.filter { $0.settlement == .export }

    /// The rows each exported item covers, as `(table, predicate)` pairs.
    func exportedRows(_ item: YearChangeChecklistItem) -> [(String, SQLQueryString)] {
        let e = scope.establishment, y = scope.fromYearBind
        let yearRows: SQLQueryString = "establishment_id = \(e) AND school_year_id = \(y)"
        switch item {
        case .absenceFiles: return [("absence_files", yearRows)]
        case .absenceStatistics: return [("absences", yearRows)]
        case .disciplineStatistics: return [("punishments", yearRows), ("sanctions", yearRows)]
        case .studentPhotos: return [("student_photos", yearRows)]
        case .classCouncilSummaries: return [("class_council_summaries", yearRows)]
        case .liaisonConversations: return [("liaison_conversations", yearRows)]
        case .moodleLeavingTeachers:
            let steps = YearChangeSteps(scope: scope, sql: sql)
            return [("moodle_courses", "category_id IN (SELECT id FROM moodle_categories WHERE \(steps.leavingTeachersCategories))")]
        case .unfiledInbox, .temporarySections, .manualGroups, .manualAccounts: return []
        }
    }

    /// The fingerprint of an exported item's rows: count and newest id per table.
    func fingerprint(_ item: YearChangeChecklistItem) async throws -> String {
        var parts: [String] = []
        for (table, predicate) in exportedRows(item) {
            let row = try await sql.raw("SELECT COUNT(*) AS n, MAX(id) AS newest FROM \(ident: table) WHERE \(predicate)").first()
            parts.append("\(table):\(try row?.decode(column: "n", as: Int.self) ?? 0):\(try row?.decode(column: "newest", as: Int?.self) ?? 0)")
        }
        return parts.joined(separator: ",")
    }

    struct Event: Decodable {
        let item: YearChangeChecklistItem
        let made_at: String
        let fingerprint: String?
        let who: String?
    }

    /// The last export or notification of each item, in one read.
    func lastEvents() async throws -> [YearChangeChecklistItem: Event] {
        let events = try await sql.raw("""
            SELECT ev.item, ev.made_at, ev.fingerprint, a.first_name || ' ' || a.last_name AS who FROM checklist_events ev
            LEFT JOIN accounts a ON a.id = ev.made_by
            WHERE ev.establishment_id = \(scope.establishment) AND ev.school_year_id = \(scope.fromYearBind) ORDER BY ev.id
            """).all(decoding: Event.self)
        return Dictionary(events.map { ($0.item, $0) }, uniquingKeysWith: { _, newer in newer })
    }

    /// Whether an item is done, and what was done about it (for the page).
    func done(_ id: YearChangeChecklistItem, count: Int, last: Event?) async throws -> (isDone: Bool, note: String?) {
        let e = scope.establishment, y = scope.fromYearBind
        let note = last.map { "\(id == .unfiledInbox ? "Prévenus" : "Exporté") le \($0.made_at.prefix(10))\($0.who.map { " par \($0)" } ?? "")" }
        if count == 0 { return (true, note) }
        switch id.settlement {
        case .export:
            guard let stored = last?.fingerprint else { return (false, note) }
            return (try await stored == fingerprint(id), note)
        case .notify:
            let untold = try await sql.count("""
                (SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(e)) p WHERE EXISTS (
                    SELECT 1 FROM mail_deliveries d WHERE d.account_id = p.account_id AND d.school_year_id = \(y)
                    AND d.folder_id IS NULL AND d.is_archived = \(bind: false))
                AND NOT EXISTS (SELECT 1 FROM mail_deliveries n JOIN checklist_events ev ON ev.message_id = n.message_id
                    WHERE n.account_id = p.account_id AND ev.establishment_id = \(e) AND ev.school_year_id = \(y)
                    AND ev.item = \(YearChangeChecklistItem.unfiledInbox))
                """)
            return (untold == 0, note)
        case .fix:
            return (false, note)
        }
    }
}
