import BasculeDomain
import BasculeFormats
import SQLKit

/// The report's counts, taken before anything is written, so that a dry run and a real run
/// report the same figures.
extension FeedImporter {
    private struct Outcome: Decodable {
        let uai: String?
        let kind: String
        let outcome: String
        let n: Int
    }

    func countChanges(runID run: Int, rejections: [FeedRejection]) async throws -> [FeedImportReport.Line] {
        var lines: [String: FeedImportReport.Line] = [:]
        func add(_ uai: String?, _ kind: String, _ update: (inout FeedImportReport.Counts) -> Void) {
            let key = "\(uai ?? "")|\(kind)"
            var line = lines[key] ?? FeedImportReport.Line(uai: uai, kind: kind, counts: .init())
            update(&line.counts)
            lines[key] = line
        }
        let outcomes = try await structureOutcomes(run) + codeOutcomes(run) + personOutcomes(run)
        for row in outcomes {
            add(row.uai, row.kind) { counts in
                switch row.outcome {
                case "created": counts.created += row.n
                case "updated": counts.updated += row.n
                default: counts.unchanged += row.n
                }
            }
        }
        struct Left: Decodable { let uai: String; let kind: String; let n: Int }
        let left = try await sql.raw("""
            SELECT e.uai, CASE WHEN x.kind IN ('student', 'parent') THEN x.kind ELSE 'personnel' END AS kind,
                   COUNT(DISTINCT x.account_id) AS n
            FROM (\(leaving(run))) x JOIN establishments e ON e.id = x.establishment_id
            GROUP BY e.uai, CASE WHEN x.kind IN ('student', 'parent') THEN x.kind ELSE 'personnel' END
            """).all(decoding: Left.self)
        for row in left { add(row.uai, row.kind) { $0.left += row.n } }
        for rejection in rejections {
            let kind = AAFFileKindName.kind(ofFile: rejection.file)
            add(nil, kind) { $0.rejected += 1 }
        }
        return lines.values.sorted { ($0.uai ?? "", $0.kind) < ($1.uai ?? "", $1.kind) }
    }

    private func structureOutcomes(_ run: Int) async throws -> [Outcome] {
        try await sql.raw("""
            SELECT NULL AS uai, 'establishment' AS kind,
                   CASE WHEN e.id IS NULL THEN 'created'
                        WHEN e.uai <> r.uai OR e.name <> r.name OR e.kind <> r.establishment_kind OR e.academy <> r.academy
                          OR e.aaf_jointure IS NULL THEN 'updated'
                        ELSE 'unchanged' END AS outcome,
                   COUNT(*) AS n
            FROM feed_staged_records r
            LEFT JOIN establishments e ON e.aaf_jointure = r.jointure OR (e.aaf_jointure IS NULL AND e.uai = r.uai)
            WHERE r.run_id = \(bind: run) AND r.kind = 'establishment'
            GROUP BY 1, 2, 3
            """).all(decoding: Outcome.self)
    }

    private func codeOutcomes(_ run: Int) async throws -> [Outcome] {
        try await sql.raw("""
            SELECT NULL AS uai, r.kind,
                   CASE WHEN c.id IS NULL THEN 'created' WHEN c.label <> r.label THEN 'updated' ELSE 'unchanged' END AS outcome,
                   COUNT(*) AS n
            FROM feed_staged_records r
            LEFT JOIN (SELECT s.id, s.code, s.label, 'subject' AS kind FROM subjects s JOIN school_years y ON y.id = s.school_year_id
                         WHERE y.name = \(bind: options.year.description)
                       UNION ALL
                       SELECT m.id, m.code, m.label, 'mef' FROM mefs m JOIN school_years y ON y.id = m.school_year_id
                         WHERE y.name = \(bind: options.year.description)) c ON c.code = r.jointure AND c.kind = r.kind
            WHERE r.run_id = \(bind: run) AND r.kind IN ('subject', 'mef')
            GROUP BY 1, 2, 3
            """).all(decoding: Outcome.self)
    }

    /// Students and personnel count in the establishments they are attached to; responsible
    /// adults in those of their children.
    private func personOutcomes(_ run: Int) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for (kinds, linkKind, linkColumn) in [("('student', 'personnel')", "attached", "person"), ("('parent')", "parent", "code")] {
            outcomes += try await sql.raw("""
                SELECT COALESCE(e.uai, s.uai) AS uai, r.kind,
                       CASE WHEN a.id IS NULL THEN 'created' WHEN \(FeedSQL.accountDiffers) THEN 'updated' ELSE 'unchanged' END AS outcome,
                       COUNT(DISTINCT r.jointure) AS n
                FROM feed_staged_records r
                JOIN feed_staged_links l ON l.run_id = r.run_id AND l.kind = \(bind: linkKind) AND l.\(ident: linkColumn) = r.jointure
                LEFT JOIN establishments e ON e.aaf_jointure = l.establishment
                LEFT JOIN feed_staged_records s ON s.run_id = r.run_id AND s.kind = 'establishment' AND s.jointure = l.establishment
                LEFT JOIN accounts a ON a.jointure = r.jointure
                WHERE r.run_id = \(bind: run) AND r.kind IN \(unsafeRaw: kinds)
                GROUP BY COALESCE(e.uai, s.uai), r.kind,
                         CASE WHEN a.id IS NULL THEN 'created' WHEN \(FeedSQL.accountDiffers) THEN 'updated' ELSE 'unchanged' END
                """).all(decoding: Outcome.self)
        }
        return outcomes
    }
}

/// The report kind of a rejected record, from its file's name.
enum AAFFileKindName {
    static func kind(ofFile name: String) -> String {
        switch AAFKind.allCases.first(where: { name.contains("_\($0.rawValue)_") }) {
        case .establishment?: "establishment"
        case .subject?: "subject"
        case .mef?: "mef"
        case .student?: "student"
        case .parent?: "parent"
        case .personnel?, nil: "personnel"
        }
    }
}
