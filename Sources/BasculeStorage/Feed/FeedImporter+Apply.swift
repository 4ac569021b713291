import BasculeDomain
import BasculeFormats
import SQLKit

/// The merge of the staging area into the directory, inside one transaction. Each step is a
/// set-based statement: delete what vanished, update what differs, insert what is missing —
/// and only for people the export names, so that manual accounts and accounts that left keep
/// everything.
///
/// Deletions come first: in a new year — each summer's case — there is nothing to delete yet,
/// and the check that finds stale rows is not paid for the rows just inserted.
extension FeedImporter {
    /// Returns each step's duration in seconds, for the report.
    func apply(runID run: Int, yearID year: Int) async throws -> [FeedImportReport.Step] {
        var steps: [FeedImportReport.Step] = []
        func step(_ name: String, _ body: () async throws -> Void) async throws {
            let started = ContinuousClock.now
            try await body()
            steps.append(.init(name: name, seconds: (ContinuousClock.now - started).seconds))
        }
        try await step("establishments") { try await mergeEstablishments(run) }
        try await step("subjects and MEF") { try await mergeCodes(run, year: year) }
        // PostgreSQL plans the later steps on the statistics of the tables just filled.
        try await step("accounts") {
            try await mergeAccounts(run)
            try await FeedSQL.refreshStatistics(["establishments", "accounts", "subjects"], on: sql)
        }
        try await step("classes and groups") {
            try await mergeClassesAndGroups(run, year: year)
            try await FeedSQL.refreshStatistics(["classes", "groups"], on: sql)
        }
        try await step("memberships") { try await mergeMemberships(run, year: year) }
        try await step("teaching") { try await mergeTeaching(run, year: year) }
        try await step("parent links") { try await mergeParentLinks(run, year: year) }
        try await step("profiles") {
            try await mergeProfiles(run, year: year)
            try await FeedSQL.refreshStatistics(["profiles"], on: sql)
        }
        try await step("departures") { try await recordDepartures(run) }
        try await step("grace periods") { try await endGracePeriods() }
        return steps
    }

    private func mergeEstablishments(_ run: Int) async throws {
        let staged: SQLQueryString = """
            FROM feed_staged_records r WHERE r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.establishment)
            """
        // An establishment already known by its UAI (created by hand) is joined to the feed.
        try await sql.raw("""
            UPDATE establishments SET aaf_jointure = (SELECT r.jointure \(staged) AND r.uai = establishments.uai)
            WHERE aaf_jointure IS NULL AND uai IN (SELECT r.uai \(staged))
            """).run()
        try await sql.raw("""
            UPDATE establishments SET uai = r.uai, name = r.name, kind = r.establishment_kind, academy = r.academy
            FROM feed_staged_records r
            WHERE r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.establishment)
              AND r.jointure = establishments.aaf_jointure
              AND (establishments.uai <> r.uai OR establishments.name <> r.name
                   OR establishments.kind <> r.establishment_kind OR establishments.academy <> r.academy)
            """).run()
        try await sql.raw("""
            INSERT INTO establishments (uai, name, kind, academy, aaf_jointure)
            SELECT r.uai, r.name, r.establishment_kind, r.academy, r.jointure \(staged)
              AND NOT EXISTS (SELECT 1 FROM establishments e WHERE e.aaf_jointure = r.jointure)
            """).run()
    }

    /// Subjects and MEF of the year; a subject taught but missing from the export's subject
    /// files is created with its code as label, so that the teaching is not lost.
    private func mergeCodes(_ run: Int, year: Int) async throws {
        for (kind, table) in [(FeedStagedKind.subject, "subjects"), (.mef, "mefs")] {
            try await sql.raw("""
                UPDATE \(ident: table) SET label = r.label FROM feed_staged_records r
                WHERE r.run_id = \(bind: run) AND r.kind = \(kind) AND r.jointure = \(ident: table).code
                  AND \(ident: table).school_year_id = \(bind: year) AND \(ident: table).label <> r.label
                """).run()
            try await sql.raw("""
                INSERT INTO \(ident: table) (school_year_id, code, label)
                SELECT DISTINCT \(bind: year), r.jointure, r.label FROM feed_staged_records r
                WHERE r.run_id = \(bind: run) AND r.kind = \(kind)
                  AND NOT EXISTS (SELECT 1 FROM \(ident: table) c WHERE c.school_year_id = \(bind: year) AND c.code = r.jointure)
                """).run()
        }
        try await sql.raw("""
            INSERT INTO subjects (school_year_id, code, label)
            SELECT DISTINCT \(bind: year), l.subject, l.subject FROM feed_staged_links l
            WHERE l.run_id = \(bind: run) AND l.kind IN (\(list: [FeedLinkRow.Kind.teachesClass, .teachesGroup]))
              AND l.subject IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM subjects c WHERE c.school_year_id = \(bind: year) AND c.code = l.subject)
            """).run()
    }

    private func mergeClassesAndGroups(_ run: Int, year: Int) async throws {
        // A new class takes its level and MEF from its students' MEF (the first, if they differ).
        try await sql.raw("""
            INSERT INTO classes (establishment_id, school_year_id, code, level, mef_id)
            SELECT e.id, \(bind: year), l.code, COALESCE(m.label, ''), m.id
            FROM (SELECT establishment, code, MIN(CASE WHEN kind = \(FeedLinkRow.Kind.schoolClass) THEN subject END) AS mef
                  FROM feed_staged_links
                  WHERE run_id = \(bind: run) AND kind IN (\(list: [FeedLinkRow.Kind.schoolClass, .teachesClass, .headTeacher]))
                  GROUP BY establishment, code) l
            JOIN establishments e ON e.aaf_jointure = l.establishment
            LEFT JOIN mefs m ON m.school_year_id = \(bind: year) AND m.code = l.mef
            WHERE NOT EXISTS (SELECT 1 FROM classes c WHERE c.establishment_id = e.id AND c.school_year_id = \(bind: year) AND c.code = l.code)
            """).run()
        try await sql.raw("""
            INSERT INTO groups (establishment_id, school_year_id, code, name, kind)
            SELECT DISTINCT e.id, \(bind: year), l.code, l.code, \(GroupKind.institutional) FROM feed_staged_links l
            JOIN establishments e ON e.aaf_jointure = l.establishment
            WHERE l.run_id = \(bind: run) AND l.kind IN (\(list: [FeedLinkRow.Kind.group, .teachesGroup]))
              AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.establishment_id = e.id AND g.school_year_id = \(bind: year) AND g.code = l.code)
            """).run()
    }

    /// Accounts the export no longer names leave, dated, keeping everything they had.
    private func recordDepartures(_ run: Int) async throws {
        try await sql.raw("""
            UPDATE accounts SET state = \(AccountState.left), left_on = \(bind: options.today.iso)
            WHERE id IN (SELECT account_id FROM (\(leaving(run))) x)
            """).run()
    }

    private func endGracePeriods() async throws {
        let cutoff = options.today.adding(days: -options.graceDays).iso
        try await sql.raw("""
            UPDATE accounts SET state = \(AccountState.deleted)
            WHERE source = \(AccountSource.feed) AND state = \(AccountState.left) AND left_on <= \(bind: cutoff)
            """).run()
    }
}
