import BasculeDomain
import BasculeFormats
import SQLKit

/// References the export cannot honour: the record is skipped (its link dropped, or the
/// person left out) and listed in the report; the import goes on.
extension FeedImporter {
    private struct Dangling: Decodable {
        let person: String
        let file: String
        let line: Int
        let target: String
        let is_teacher: Bool?
    }

    func rejectDanglingReferences(runID run: Int) async throws -> [FeedRejection] {
        var rejections: [FeedRejection] = []
        let knownEstablishment: SQLQueryString = """
            (EXISTS (SELECT 1 FROM feed_staged_records s WHERE s.run_id = l.run_id AND s.kind = \(FeedStagedKind.establishment)
                     AND s.jointure = l.establishment)
             OR EXISTS (SELECT 1 FROM establishments e WHERE e.aaf_jointure = l.establishment))
            """
        // A delta names only the adults it changes: the others are the directory's.
        let knownAdult: SQLQueryString = isDelta ? """
            (EXISTS (SELECT 1 FROM feed_staged_records s WHERE s.run_id = l.run_id AND s.kind = \(FeedStagedKind.parent)
                     AND s.jointure = l.code)
             OR EXISTS (SELECT 1 FROM accounts a WHERE a.jointure = l.code AND a.source = \(AccountSource.feed)))
            """ : """
            EXISTS (SELECT 1 FROM feed_staged_records s WHERE s.run_id = l.run_id AND s.kind = \(FeedStagedKind.parent)
                    AND s.jointure = l.code)
            """
        let checks: [(predicate: SQLQueryString, reason: (String) -> String)] = [
            ("l.kind <> \(FeedLinkRow.Kind.parent) AND NOT \(knownEstablishment)", { "établissement inconnu « \($0) »" }),
            ("l.kind = \(FeedLinkRow.Kind.parent) AND NOT \(knownAdult)", { "responsable inconnu « \($0) »" }),
        ]
        for check in checks {
            let target: SQLQueryString = "CASE WHEN l.kind = \(FeedLinkRow.Kind.parent) THEN l.code ELSE l.establishment END"
            let rows = try await sql.raw("""
                SELECT DISTINCT l.person, r.file, r.line, \(target) AS target, r.is_teacher FROM feed_staged_links l
                JOIN feed_staged_records r ON r.run_id = l.run_id AND r.jointure = l.person
                                          AND r.kind IN (\(list: FeedStagedKind.people))
                WHERE l.run_id = \(bind: run) AND \(check.predicate)
                ORDER BY r.file, r.line
                """).all(decoding: Dangling.self)
            rejections += rows.map {
                FeedRejection(file: $0.file, line: $0.line, id: $0.person, reason: check.reason($0.target), isTeacher: $0.is_teacher)
            }
            try await sql.raw("DELETE FROM feed_staged_links AS l WHERE l.run_id = \(bind: run) AND \(check.predicate)").run()
        }
        rejections += try await rejectUnattached(run)
        return rejections
    }

    /// Students and personnel with no known establishment left, then responsible adults of no
    /// student left: no account is made for them.
    private func rejectUnattached(_ run: Int) async throws -> [FeedRejection] {
        let withoutEstablishment: SQLQueryString = """
            r.run_id = \(bind: run) AND r.kind IN (\(list: FeedStagedKind.attachedPeople))
              AND NOT EXISTS (SELECT 1 FROM feed_staged_links l
              WHERE l.run_id = r.run_id AND l.person = r.jointure AND l.kind = \(FeedLinkRow.Kind.attached))
            """
        let withoutStudent: SQLQueryString = """
            r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.parent) AND NOT EXISTS (SELECT 1 FROM feed_staged_links l
              WHERE l.run_id = r.run_id AND l.code = r.jointure AND l.kind = \(FeedLinkRow.Kind.parent))
            """
        return try await reject(withoutEstablishment, run, reason: "aucun établissement connu : pas de compte créé")
            + reject(withoutStudent, run, reason: "responsable d'aucun élève de l'export : pas de compte créé")
    }

    /// Lists the staged records the predicate (over `feed_staged_records AS r`) selects, then
    /// takes them and their links out of the staging.
    func reject(_ predicate: SQLQueryString, _ run: Int, reason: String) async throws -> [FeedRejection] {
        struct Row: Decodable { let jointure: String; let file: String; let line: Int; let is_teacher: Bool? }
        let rows = try await sql.raw("SELECT jointure, file, line, is_teacher FROM feed_staged_records AS r WHERE \(predicate) ORDER BY file, line")
            .all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        try await sql.raw("""
            DELETE FROM feed_staged_links WHERE run_id = \(bind: run)
              AND person IN (SELECT jointure FROM feed_staged_records AS r WHERE \(predicate))
            """).run()
        try await sql.raw("DELETE FROM feed_staged_records AS r WHERE \(predicate)").run()
        return rows.map { FeedRejection(file: $0.file, line: $0.line, id: $0.jointure, reason: reason, isTeacher: $0.is_teacher) }
    }
}
