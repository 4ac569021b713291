import BasculeDomain
import BasculeFormats
import SQLKit

/// The report's counts, taken before anything is written, so that a dry run and a real run
/// report the same figures.
extension FeedImporter {
    /// What the merge will do to a staged record.
    private enum Change: String, Decodable {
        case created, updated, unchanged
    }

    private struct Outcome: Decodable {
        let uai: String?
        let kind: FeedReportKind
        let outcome: Change
        let n: Int
    }

    func countChanges(runID run: Int, rejections: [FeedRejection]) async throws -> [FeedImportReport.Line] {
        var lines: [String: FeedImportReport.Line] = [:]
        func add(_ uai: String?, _ kind: FeedReportKind, _ update: (inout FeedImportReport.Counts) -> Void) {
            let key = "\(uai ?? "")|\(kind.rawValue)"
            var line = lines[key] ?? FeedImportReport.Line(uai: uai, kind: kind, counts: .init())
            update(&line.counts)
            lines[key] = line
        }
        let outcomes = try await structureOutcomes(run) + codeOutcomes(run) + personOutcomes(run)
        for row in outcomes {
            add(row.uai, row.kind) { counts in
                switch row.outcome {
                case .created: counts.created += row.n
                case .updated: counts.updated += row.n
                case .unchanged: counts.unchanged += row.n
                }
            }
        }
        for row in try await builtOutcomes(run) {
            add(row.uai, row.kind) { counts in
                switch row.outcome {
                case .created: counts.created += row.n
                case .updated: counts.updated += row.n
                case .unchanged: counts.unchanged += row.n
                case .removed: counts.left += row.n
                }
            }
        }
        for row in try await leavingCounts(run) { add(row.uai, row.kind) { $0.left += row.n } }
        for rejection in rejections {
            add(nil, Self.reportKind(of: rejection)) { $0.rejected += 1 }
        }
        return lines.values.sorted { ($0.uai ?? "", $0.kind) < ($1.uai ?? "", $1.kind) }
    }

    /// Who leaves, once each per establishment: a teacher who also directs counts as a teacher.
    private func leavingCounts(_ run: Int) async throws -> [(uai: String, kind: FeedReportKind, n: Int)] {
        struct Row: Decodable { let uai: String; let rank: Int; let n: Int }
        let ranked: [FeedReportKind] = [.student, .parent, .teacher, .staff]
        let rows = try await sql.raw("""
            SELECT uai, rank, COUNT(*) AS n FROM (
              SELECT e.uai, x.account_id,
                     MIN(CASE x.kind WHEN \(ProfileKind.student) THEN 0 WHEN \(ProfileKind.parent) THEN 1
                                     WHEN \(ProfileKind.teacher) THEN 2 ELSE 3 END) AS rank
              FROM (\(leaving(run))) x JOIN establishments e ON e.id = x.establishment_id
              GROUP BY e.uai, x.account_id) y
            GROUP BY uai, rank
            """).all(decoding: Row.self)
        return rows.map { ($0.uai, ranked[$0.rank], $0.n) }
    }

    /// A rejected record counts under its file's kind; personnel under teachers or other staff.
    static func reportKind(of rejection: FeedRejection) -> FeedReportKind {
        switch FeedStagedKind(file: rejection.file) {
        case .establishment: .establishment
        case .subject: .subject
        case .mef: .mef
        case .student: .student
        case .parent: .parent
        case .personnel, .deleted: rejection.isTeacher == true ? .teacher : .staff
        }
    }

    private func structureOutcomes(_ run: Int) async throws -> [Outcome] {
        let differs: SQLQueryString = """
            e.uai <> r.uai OR e.name <> r.name OR e.kind <> r.establishment_kind OR e.academy <> r.academy
              OR e.aaf_jointure IS NULL
            """
        return try await sql.raw("""
            SELECT NULL AS uai, \(FeedStagedKind.establishment) AS kind,
                   \(change(createdWhen: "e.id IS NULL", updatedWhen: differs)) AS outcome,
                   COUNT(*) AS n
            FROM feed_staged_records r
            LEFT JOIN establishments e ON e.aaf_jointure = r.jointure OR (e.aaf_jointure IS NULL AND e.uai = r.uai)
            WHERE r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.establishment)
            GROUP BY 1, 2, 3
            """).all(decoding: Outcome.self)
    }

    private func codeOutcomes(_ run: Int) async throws -> [Outcome] {
        try await sql.raw("""
            SELECT NULL AS uai, r.kind,
                   \(change(createdWhen: "c.id IS NULL", updatedWhen: "c.label <> r.label")) AS outcome,
                   COUNT(*) AS n
            FROM feed_staged_records r
            LEFT JOIN (SELECT s.id, s.code, s.label, \(FeedStagedKind.subject) AS kind
                         FROM subjects s JOIN school_years y ON y.id = s.school_year_id
                         WHERE y.name = \(bind: options.year.description)
                       UNION ALL
                       SELECT m.id, m.code, m.label, \(FeedStagedKind.mef)
                         FROM mefs m JOIN school_years y ON y.id = m.school_year_id
                         WHERE y.name = \(bind: options.year.description)) c ON c.code = r.jointure AND c.kind = r.kind
            WHERE r.run_id = \(bind: run) AND r.kind IN (\(list: [FeedStagedKind.subject, .mef]))
            GROUP BY 1, 2, 3
            """).all(decoding: Outcome.self)
    }

    /// Students and personnel count in the establishments they are attached to; responsible
    /// adults in those of their children.
    private func personOutcomes(_ run: Int) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        let accountChange = change(createdWhen: "a.id IS NULL", updatedWhen: FeedSQL.accountDiffers)
        let personKind: SQLQueryString = """
            CASE WHEN r.kind <> \(FeedStagedKind.personnel) THEN r.kind
                 WHEN r.is_teacher = \(bind: true) THEN \(FeedReportKind.teacher) ELSE \(FeedReportKind.staff) END
            """
        let rules: [(kinds: [FeedStagedKind], link: FeedLinkRow.Kind, column: String)] = [
            (FeedStagedKind.attachedPeople, .attached, "person"),
            ([.parent], .parent, "code"),
        ]
        for (kinds, linkKind, linkColumn) in rules {
            outcomes += try await sql.raw("""
                SELECT COALESCE(e.uai, s.uai) AS uai, \(personKind) AS kind, \(accountChange) AS outcome,
                       COUNT(DISTINCT r.jointure) AS n
                FROM feed_staged_records r
                JOIN feed_staged_links l ON l.run_id = r.run_id AND l.kind = \(linkKind) AND l.\(ident: linkColumn) = r.jointure
                LEFT JOIN establishments e ON e.aaf_jointure = l.establishment
                LEFT JOIN feed_staged_records s ON s.run_id = r.run_id AND s.kind = \(FeedStagedKind.establishment)
                                                AND s.jointure = l.establishment
                LEFT JOIN accounts a ON a.jointure = r.jointure
                WHERE r.run_id = \(bind: run) AND r.kind IN (\(list: kinds))
                GROUP BY 1, 2, 3
                """).all(decoding: Outcome.self)
        }
        return outcomes
    }

    private func change(createdWhen created: SQLQueryString, updatedWhen updated: SQLQueryString) -> SQLQueryString {
        "CASE WHEN \(created) THEN \(Change.created) WHEN \(updated) THEN \(Change.updated) ELSE \(Change.unchanged) END"
    }
}
