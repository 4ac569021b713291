import BasculeDomain
import SQLKit

/// The SQL of each rule of `YearChangeRules`: what the plan counts, and what the run does.
/// A step's count is what its run reports as rows, so that the plan announces what the run does.
struct YearChangeSteps {
    let scope: YearChangeScope
    let sql: any SQLDatabase

    /// The rows a rule acts on (or, for archives, the records the archive section opens on).
    func count(_ rule: YearChangeRule.ID) async throws -> Int {
        let e = scope.establishment, y = scope.fromYearBind
        switch rule {
        case .emptyRecycleBin:
            return try await sql.count("sections WHERE \(binned)")
        case .archiveLogbooks:
            return try await sql.count("logbook_sessions WHERE establishment_id = \(e) AND school_year_id = \(y)")
                + sql.count("homework WHERE establishment_id = \(e) AND school_year_id = \(y)")
        case .archiveRollCalls: return try await yearRows("roll_call_sheets")
        case .archivePunishments: return try await yearRows("punishments")
        case .archiveAssessments:
            return try await yearRows("assessments") + sql.count("""
                marks WHERE assessment_id IN (SELECT id FROM assessments WHERE establishment_id = \(e) AND school_year_id = \(y))
                """)
        case .archiveSkills: return try await yearRows("skill_records")
        case .archiveReportCards: return try await yearRows("report_cards")
        case .archiveCycleReviews: return try await yearRows("cycle_reviews")
        case .archiveEPI: return try await yearRows("epi_projects")
        case .sanctionsToHeads: return try await yearRows("sanctions")
        case .archiveSections:
            return try await sql.count("sections WHERE \(toArchive)")
        case .stripTemporaryRoles:
            return try await sql.count("section_roles WHERE role <> \(SectionRole.manager) AND section_id IN (\(temporaryToArchive))")
        case .unpublishTemporary:
            return try await sql.count("""
                publications WHERE (on_home_page = \(bind: true) OR on_public_site = \(bind: true))
                AND section_id IN (\(temporaryToArchive))
                """)
        case .classSpacesToBin:
            return try await sql.count("sections WHERE \(classSpaces)")
        case .hideUnfiledInbox:
            // Per member through the (account, year) index: as a semi-join, PostgreSQL scanned
            // every delivery of the year for each establishment.
            return try await sql.raw("""
                SELECT CAST(COALESCE(SUM((SELECT COUNT(*) FROM mail_deliveries d WHERE d.account_id = p.account_id
                    AND d.school_year_id = \(y) AND d.folder_id IS NULL AND d.is_archived = \(bind: false))), 0) AS BIGINT) AS n
                FROM (SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(e)) p
                """).first(decodingColumn: "n", as: Int.self) ?? 0
        case .removeManualGroups:
            return try await sql.count("""
                groups WHERE establishment_id = \(e) AND school_year_id = \(y) AND kind = \(GroupKind.manual) AND lifetime = \(GroupLifetime.schoolYear)
                """)
        case .disableManualAccounts:
            return try await sql.count("accounts WHERE \(manualAccounts)")
        case .moodleCategories:
            return try await sql.count("moodle_categories WHERE \(leavingTeachersCategories)")
        case .resetResourceAssignments:
            return try await sql.count("""
                gar_assignments WHERE school_year_id = \(y)
                AND resource_id IN (SELECT id FROM gar_resources WHERE establishment_id = \(e))
                """)
        case .keepTimetable:
            return try await yearRows("timetable_courses")
        case .keepSettings:
            var kept = 0
            for table in ServiceSchema.all where !table.isYearBound && table.scope == .establishment && table.name != "sections" {
                kept += try await sql.count("\(ident: table.name) WHERE establishment_id = \(e)")
            }
            return kept
        case .newYear:
            return 0
        }
    }

    /// The population a removing rule draws from, for the safety hold (nil: no hold).
    func population(_ rule: YearChangeRule.ID) async throws -> Int? {
        switch rule {
        case .disableManualAccounts:
            return try await sql.count("accounts WHERE state = \(AccountState.active) AND id IN (\(scope.members))")
        case .moodleCategories:
            return try await sql.count("moodle_categories WHERE establishment_id = \(scope.establishment) AND in_recycle_bin = \(bind: false)")
        default:
            return nil
        }
    }

    func yearRows(_ table: String) async throws -> Int {
        try await sql.count("\(ident: table) WHERE establishment_id = \(scope.establishment) AND school_year_id = \(scope.fromYearBind)")
    }

    // MARK: Predicates, shared by the counts and the runs

    /// What the recycle bin held before the change.
    var binned: SQLQueryString {
        "establishment_id = \(scope.establishment) AND binned_on IS NOT NULL AND purged_on IS NULL AND binned_on < \(bind: scope.asOf.iso)"
    }

    /// The year's class sections and the temporary sections, not yet archived nor binned.
    var toArchive: SQLQueryString {
        """
        establishment_id = \(scope.establishment) AND binned_on IS NULL
        AND ((kind = \(SectionKind.classSection) AND school_year_id = \(scope.fromYearBind)) OR (kind = \(SectionKind.standard) AND is_temporary = \(bind: true)))
        AND (parent_id IS NULL OR parent_id NOT IN (SELECT id FROM sections WHERE kind = \(SectionKind.archive)))
        """
    }

    /// Temporary sections that are being (or have been, by this run) archived.
    var temporaryToArchive: SQLQueryString {
        """
        SELECT id FROM sections WHERE establishment_id = \(scope.establishment) AND kind = \(SectionKind.standard)
        AND is_temporary = \(bind: true) AND binned_on IS NULL
        """
    }

    var classSpaces: SQLQueryString {
        "establishment_id = \(scope.establishment) AND kind = \(SectionKind.classSpace) AND school_year_id = \(scope.fromYearBind) AND binned_on IS NULL"
    }

    /// Manual, non-perennial, active accounts of the establishment (and of no other).
    var manualAccounts: SQLQueryString {
        """
        source = \(AccountSource.manual) AND is_perennial = \(bind: false) AND state = \(AccountState.active) AND is_operator = \(bind: false)
        AND EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = accounts.id AND p.establishment_id = \(scope.establishment))
        AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = accounts.id AND p.establishment_id <> \(scope.establishment))
        """
    }

    /// Categories of teachers without a teacher profile in the establishment next year.
    var leavingTeachersCategories: SQLQueryString {
        """
        establishment_id = \(scope.establishment) AND in_recycle_bin = \(bind: false) AND teacher_id IS NOT NULL
        AND teacher_id NOT IN (SELECT account_id FROM profiles WHERE establishment_id = \(scope.establishment)
                               AND school_year_id = \(bind: scope.toYearID) AND kind = \(ProfileKind.teacher))
        """
    }
}
