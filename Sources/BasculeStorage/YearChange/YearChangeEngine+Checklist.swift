import BasculeDomain
import SQLKit

/// The establishment's own actions on its checklist, before its change: keep what the change
/// would remove, and record what it exported or told. Each acts on the rows the checklist
/// lists (the same predicates as the rules), so an id of another establishment, or of a row
/// the change would not touch, is ignored.
extension YearChangeEngine {
    /// The actions that settle the items to fix; named in URLs by their item.
    public enum ChecklistAction: Sendable, CaseIterable {
        /// Manual groups limited to the year become "Non limitée".
        case keepGroups
        /// Manual accounts become perennial.
        case keepAccounts
        /// "Rubrique temporaire" is unticked.
        case keepSections

        /// The action that settles an item, if one does.
        public init?(item: YearChangeChecklistItem) {
            guard let action = Self.allCases.first(where: { $0.item == item }) else { return nil }
            self = action
        }

        public var item: YearChangeChecklistItem {
            switch self {
            case .keepGroups: .manualGroups
            case .keepAccounts: .manualAccounts
            case .keepSections: .temporarySections
            }
        }
    }

    /// Applies an action to the listed rows with these ids, or to all of them (`ids` nil).
    /// Returns how many rows changed.
    public func apply(_ action: ChecklistAction, uai: String, from: SchoolYearName, ids: [Int]?) async throws -> Int {
        let scope = try await checklistScope(uai: uai, from: from)
        let steps = YearChangeSteps(scope: scope, sql: sql)
        let chosen: SQLQueryString = ids.map { $0.isEmpty ? " AND 1 = 0" : " AND id IN (\(binds: $0))" } ?? ""
        let update: SQLQueryString = switch action {
        case .keepGroups:
            """
            UPDATE groups SET lifetime = \(GroupLifetime.unlimited) WHERE establishment_id = \(scope.establishment)
            AND school_year_id = \(scope.fromYearBind) AND kind = \(GroupKind.manual) AND lifetime = \(GroupLifetime.schoolYear)\(chosen)
            """
        case .keepAccounts:
            "UPDATE accounts SET is_perennial = \(bind: true) WHERE \(steps.manualAccounts)\(chosen)"
        case .keepSections:
            "UPDATE sections SET is_temporary = \(bind: false) WHERE id IN (\(steps.temporaryToArchive))\(chosen)"
        }
        return try await sql.raw("\(update) RETURNING id").all().count
    }

    /// Records an export of the establishment's data to keep, with the fingerprint of the rows
    /// each of its items held.
    public func recordExport(uai: String, from: SchoolYearName, by accountID: Int, at time: String) async throws {
        let scope = try await checklistScope(uai: uai, from: from, allowChanged: true)
        let checklist = YearChangeChecklist(scope: scope, sql: sql, listLimit: 0)
        let insert = sql.insert(into: "checklist_events").columns("establishment_id", "school_year_id", "item", "made_at", "made_by", "fingerprint")
        for item in YearChangeChecklist.exportedItems {
            insert.values(SQLBind(scope.establishmentID), SQLBind(scope.fromYearID), SQLBind(item.rawValue), SQLBind(time),
                          SQLBind(accountID), SQLBind(try await checklist.fingerprint(item)))
        }
        try await insert.run()
    }

    /// Tells everyone of the establishment who still has unfiled inbox messages, by one internal
    /// mail from `sender`. Returns how many people it reached.
    public func notifyUnfiledInbox(uai: String, from: SchoolYearName, sender: Int, at time: String,
                                   subject: String, body: String) async throws -> Int {
        let scope = try await checklistScope(uai: uai, from: from)
        let e = scope.establishment, y = scope.fromYearBind
        return try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let message = try await sql.insert(into: "mail_messages").columns("school_year_id", "sender_id", "sent_at", "subject", "body")
                .values(SQLBind(scope.fromYearID), SQLBind(sender), SQLBind(time), SQLBind(subject), SQLBind(body))
                .returning("id").first(decodingColumn: "id", as: Int.self) else { return 0 }
            try await sql.raw("""
                INSERT INTO mail_deliveries (message_id, account_id, school_year_id, folder_id, is_read, is_archived)
                SELECT \(bind: message), p.account_id, \(y), NULL, \(bind: false), \(bind: false)
                FROM (SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(e)) p
                WHERE EXISTS (SELECT 1 FROM mail_deliveries d WHERE d.account_id = p.account_id AND d.school_year_id = \(y)
                    AND d.folder_id IS NULL AND d.is_archived = \(bind: false))
                """).run()
            let reached = try await sql.count("mail_deliveries WHERE message_id = \(bind: message)")
            try await sql.insert(into: "checklist_events").columns("establishment_id", "school_year_id", "item", "made_at", "made_by", "message_id")
                .values(SQLBind(scope.establishmentID), SQLBind(scope.fromYearID), SQLBind(YearChangeChecklistItem.unfiledInbox.rawValue), SQLBind(time),
                        SQLBind(sender), SQLBind(message)).run()
            return reached
        }
    }

    /// The Moodle categories of the establishment's teachers absent from next year's directory.
    public func leavingTeacherCategories(uai: String, from: SchoolYearName) async throws -> [Int] {
        let scope = try await checklistScope(uai: uai, from: from, allowChanged: true)
        let steps = YearChangeSteps(scope: scope, sql: sql)
        return try await sql.raw("SELECT id FROM moodle_categories WHERE \(steps.leavingTeachersCategories) ORDER BY id")
            .all(decodingColumn: "id", as: Int.self)
    }

    /// The scope of an establishment's checklist; refused once its change has started (what
    /// the checklist would keep is then already archived or binned).
    func checklistScope(uai: String, from: SchoolYearName, allowChanged: Bool = false) async throws -> YearChangeScope {
        let years = try await years(from: from, create: false)
        guard let establishment = try await establishments([uai]).first else { throw Failure.unknownEstablishment(uai) }
        if !allowChanged, !["pending", "held"].contains(try await state(of: establishment.id, fromYearID: years.from)) {
            throw Failure.changeStarted(establishment.uai)
        }
        return YearChangeScope(establishmentID: establishment.id, fromYearID: years.from, toYearID: years.to ?? -1,
                               fromYear: from, asOf: from.defaultStart)
    }
}
