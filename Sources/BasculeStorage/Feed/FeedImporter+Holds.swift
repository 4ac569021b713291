import BasculeDomain
import BasculeFormats
import SQLKit

/// A truncated export looks like a mass departure. An establishment that would lose more than
/// the threshold of its fed accounts is held: nothing is written for it until the operator
/// confirms with `--confirm-departures`.
extension FeedImporter {
    /// Accounts of the feed, active, with a profile of a running year in an establishment of
    /// the export, that the export no longer names — or, for a delta, that it deletes.
    func leaving(_ run: Int) -> SQLQueryString {
        let gone: SQLQueryString = isDelta
            ? """
              a.jointure IN (SELECT jointure FROM feed_staged_records
                             WHERE run_id = \(bind: run) AND kind = \(FeedStagedKind.deleted))
              """
            : "p.establishment_id IN (\(FeedSQL.exportEstablishments(run, delta: isDelta))) AND \(notNamed(run))"
        return """
            SELECT DISTINCT a.id AS account_id, p.establishment_id, p.kind
            FROM accounts a
            JOIN profiles p ON p.account_id = a.id
            JOIN school_years y ON y.id = p.school_year_id AND y.state IN (\(list: [SchoolYearState.current, .preparing]))
            WHERE a.source = \(AccountSource.feed) AND a.state = \(AccountState.active) AND \(gone)
            """
    }

    /// The account `a` is no one of the export's.
    private func notNamed(_ run: Int) -> SQLQueryString {
        """
        NOT EXISTS (SELECT 1 FROM feed_staged_records r
                    WHERE r.run_id = \(bind: run) AND r.kind IN (\(list: FeedStagedKind.people)) AND r.jointure = a.jointure)
        """
    }

    /// Only a full export is held: a delta's deletions are explicit.
    ///
    /// Read from the export's establishments to their profiles: with the establishments as an
    /// `IN` list, SQLite probed each account's profiles once per establishment (1.2 s instead
    /// of 0.1 s for an académie).
    func holds(runID run: Int) async throws -> [FeedImportReport.Hold] {
        guard !options.confirmDepartures, !isDelta else { return [] }
        struct Row: Decodable { let uai: String; let name: String; let active: Int; let leaving: Int }
        let rows = try await sql.raw("""
            SELECT e.uai, e.name, COUNT(DISTINCT a.id) AS active, COUNT(DISTINCT CASE WHEN \(notNamed(run)) THEN a.id END) AS leaving
            FROM feed_staged_records s
            JOIN establishments e ON e.aaf_jointure = s.jointure
            JOIN profiles p ON p.establishment_id = e.id
            JOIN school_years y ON y.id = p.school_year_id AND y.state IN (\(list: [SchoolYearState.current, .preparing]))
            JOIN accounts a ON a.id = p.account_id AND a.source = \(AccountSource.feed) AND a.state = \(AccountState.active)
            WHERE s.run_id = \(bind: run) AND s.kind = \(FeedStagedKind.establishment)
            GROUP BY e.uai, e.name
            ORDER BY e.uai
            """).all(decoding: Row.self)
        return rows
            .filter { $0.active > 0 && Double($0.leaving) / Double($0.active) > options.departureThreshold }
            .map { FeedImportReport.Hold(uai: $0.uai, name: $0.name, active: $0.active, leaving: $0.leaving) }
    }

    /// Takes held establishments out of the staging area: the merge then never touches them.
    func releaseHeld(_ holds: [FeedImportReport.Hold], runID run: Int) async throws {
        let held = SQLGroupExpression(holds.map { SQLBind($0.uai) as any SQLExpression })
        let heldJointures: SQLQueryString = "SELECT aaf_jointure FROM establishments WHERE uai IN \(held)"
        try await sql.raw("DELETE FROM feed_staged_links WHERE run_id = \(bind: run) AND establishment IN (\(heldJointures))").run()
        try await sql.raw("""
            DELETE FROM feed_staged_records WHERE run_id = \(bind: run) AND kind = \(FeedStagedKind.establishment)
              AND jointure IN (\(heldJointures))
            """).run()
        // People of held establishments only: not touched either.
        try await sql.raw("""
            DELETE FROM feed_staged_records AS r
            WHERE r.run_id = \(bind: run) AND r.kind IN (\(list: FeedStagedKind.attachedPeople))
              AND NOT EXISTS (SELECT 1 FROM feed_staged_links l WHERE l.run_id = r.run_id AND l.person = r.jointure
                              AND l.kind = \(FeedLinkRow.Kind.attached))
            """).run()
        try await sql.raw("""
            DELETE FROM feed_staged_records AS r WHERE r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.parent)
              AND NOT EXISTS (SELECT 1 FROM feed_staged_links l WHERE l.run_id = r.run_id AND l.code = r.jointure
                              AND l.kind = \(FeedLinkRow.Kind.parent))
            """).run()
    }

    func countNewEstablishments(runID run: Int) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM feed_staged_records r
            WHERE r.run_id = \(bind: run) AND r.kind = \(FeedStagedKind.establishment)
              AND NOT EXISTS (SELECT 1 FROM establishments e WHERE e.aaf_jointure = r.jointure OR e.uai = r.uai)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
