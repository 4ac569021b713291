import BasculeDomain
import SQLKit

extension YearChangeSteps {
    /// Does what the rule says, logging every write; returns the step's rows (its count).
    func execute(_ rule: YearChangeRule.ID, log: UndoLog, files: FileStore) async throws -> Int {
        let today: SQLQueryString = "\(bind: scope.asOf.iso)"
        switch YearChangeRules.rule(rule).action {
        case .keep, .hide, .endWithYear, .reset:
            // Nothing to write: the year's end hides or empties them (they belong to the old
            // year), and the purge deletes them for good.
            return try await count(rule)
        case .archive(let title):
            let rows = try await count(rule)
            _ = try await archiveSection(title, rule: rule, under: .classes, log: log)
            return rows
        case .emptyRecycleBin:
            return try await log.update("sections", set: [("purged_on", today)], where: binned)
        case .mailToHeads:
            return try await mailSanctionsToHeads(log: log, files: files)
        case .moveToArchiveSection:
            let archive = try await archiveSection("Archives \(scope.fromYear)", rule: rule, under: .archives, log: log)
            return try await log.update("sections", set: [("parent_id", "\(bind: archive)")], where: toArchive)
        case .removeRolesExceptManagers:
            return try await log.remove("section_roles", where: "role <> \(SectionRole.manager) AND section_id IN (\(temporaryToArchive))")
        case .unpublish:
            return try await log.update("publications", set: [("on_home_page", "\(bind: false)"), ("on_public_site", "\(bind: false)")],
                                        where: "(on_home_page = \(bind: true) OR on_public_site = \(bind: true)) AND section_id IN (\(temporaryToArchive))")
        case .recycleBin:
            let bin = try await root(.recycleBin, log: log)
            return try await log.update("sections", set: [("restore_parent_id", "parent_id"), ("parent_id", "\(bind: bin)"),
                                                          ("binned_on", today)], where: classSpaces)
        case .disable:
            return try await log.update("accounts", set: [("state", "\(AccountState.left)"), ("left_on", today)], where: manualAccounts)
        case .moodleRecycleBin:
            return try await log.update("moodle_categories", set: [("is_hidden", "\(bind: true)"), ("in_recycle_bin", "\(bind: true)")],
                                        where: leavingTeachersCategories)
        case .becomeCurrent:
            // The establishment is in the next year as soon as its own change is done; the
            // région's years turn with the last one (every other one has finished).
            let turned = try await log.update("establishments", set: [("current_year_id", "\(bind: scope.toYearID)")],
                                              where: "id = \(scope.establishment)")
            let othersLeft = try await sql.count("""
                establishments e WHERE e.id <> \(scope.establishment) AND NOT EXISTS (
                    SELECT 1 FROM year_change_runs r WHERE r.establishment_id = e.id AND r.from_year_id = \(scope.fromYearBind)
                    AND r.state = \(YearChangeRunState.done))
                """)
            guard othersLeft == 0 else { return turned }
            return try await turned
                + log.update("school_years", set: [("state", "\(SchoolYearState.archived)")], where: "id = \(bind: scope.fromYearID)")
                + log.update("school_years", set: [("state", "\(SchoolYearState.current)")], where: "id = \(bind: scope.toYearID)")
        }
    }

    /// A system section of the establishment, created (and logged) if it is missing.
    func root(_ kind: SectionKind, log: UndoLog) async throws -> Int {
        let titles: [SectionKind: String] = [.classes: "Classes", .archives: "Archives", .recycleBin: "Corbeille"]
        if let id = try await sql.raw("""
            SELECT id FROM sections WHERE establishment_id = \(scope.establishment) AND kind = \(kind)
            AND parent_id IS NULL ORDER BY id LIMIT 1
            """).first(decodingColumn: "id", as: Int.self) { return id }
        return try await insertSection(titles[kind] ?? kind.rawValue, kind: kind, parent: nil, year: nil, rule: nil, log: log)
    }

    /// The year's archive sub-section a rule makes under a system section, found by the rule
    /// (its title is only what people read).
    func archiveSection(_ title: String, rule: YearChangeRule.ID, under parentKind: SectionKind, log: UndoLog) async throws -> Int {
        let parent = try await root(parentKind, log: log)
        if let id = try await sql.raw("""
            SELECT id FROM sections WHERE parent_id = \(bind: parent) AND kind = \(SectionKind.archive) AND archive_rule = \(rule)
            AND school_year_id = \(scope.fromYearBind)
            """).first(decodingColumn: "id", as: Int.self) { return id }
        return try await insertSection(title, kind: .archive, parent: parent, year: scope.fromYearID, rule: rule, log: log)
    }

    func insertSection(_ title: String, kind: SectionKind, parent: Int?, year: Int?, rule: YearChangeRule.ID?,
                       log: UndoLog) async throws -> Int {
        let id = try await nextID("sections")
        try await sql.insert(into: "sections")
            .columns("id", "establishment_id", "school_year_id", "parent_id", "kind", "is_temporary", "class_id", "title",
                     "created_on", "binned_on", "restore_parent_id", "purged_on", "archive_rule")
            .values(SQLBind(id), SQLBind(scope.establishmentID), SQLBind(year), SQLBind(parent), SQLBind(kind.rawValue),
                    SQLBind(false), SQLLiteral.null, SQLBind(title), SQLBind(scope.asOf.iso), SQLLiteral.null,
                    SQLLiteral.null, SQLLiteral.null, SQLBind(rule?.rawValue))
            .run()
        try await log.inserted("sections", ids: [id])
        try await SequenceSync.resync(sql, tables: ["sections"])
        return id
    }

    /// Ids are given by the change itself, one past the largest: a step that failed and ran
    /// again then writes the same ids, which a sequence (not rolled back) would not.
    func nextID(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM \(ident: table)").first(decodingColumn: "id", as: Int.self) ?? 1
    }
}
