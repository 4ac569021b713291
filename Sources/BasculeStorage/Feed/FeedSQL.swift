import BasculeDomain
import BasculeFormats
import SQLKit

/// SQL fragments shared by the steps of an import. Enumeration values are their enums' own
/// literals; every other value is bound.
enum FeedSQL {
    /// The staging's indexes (created by the migration too). An import builds them once the
    /// export is staged, in one pass, rather than keeping them up to date row by row.
    static let stagingIndexes: [(name: String, table: String, columns: [String])] = [
        ("ix_feed_staged_records_run", "feed_staged_records", ["run_id", "kind", "jointure"]),
        ("ix_feed_staged_links_run", "feed_staged_links", ["run_id", "kind", "person"]),
        ("ix_feed_staged_links_code", "feed_staged_links", ["run_id", "kind", "code"]),
        ("ix_feed_staged_links_container", "feed_staged_links", ["run_id", "kind", "establishment", "code"]),
    ]

    static func dropStagingIndexes(on sql: any SQLDatabase) async throws {
        for index in stagingIndexes {
            try await sql.drop(index: index.name).ifExists().run()
        }
    }

    static func createStagingIndexes(on sql: any SQLDatabase) async throws {
        for index in stagingIndexes {
            let builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder.column(column) }
            try await builder.run()
        }
    }

    /// An account differs from the staged person that has its jointure (`a` and `r`).
    static let accountDiffers: SQLQueryString = """
        (a.last_name IS DISTINCT FROM r.last_name OR a.first_name IS DISTINCT FROM r.first_name
         OR a.birth_date IS DISTINCT FROM r.birth_date OR a.email IS DISTINCT FROM r.email
         OR a.ine IS DISTINCT FROM r.ine OR a.state <> \(AccountState.active))
        """

    /// The feed profiles the export asks for, with resolved ids: (account_id, establishment_id, kind).
    static func desiredProfiles(_ run: Int) -> SQLQueryString {
        """
        SELECT DISTINCT a.id AS account_id, e.id AS establishment_id,
               CASE WHEN r.kind = \(FeedStagedKind.student) THEN \(ProfileKind.student)
                    WHEN r.is_teacher = \(bind: true) THEN \(ProfileKind.teacher) ELSE \(ProfileKind.staff) END AS kind
        FROM feed_staged_links l
        JOIN feed_staged_records r ON r.run_id = l.run_id AND r.jointure = l.person
                                  AND r.kind IN (\(list: FeedStagedKind.attachedPeople))
        JOIN accounts a ON a.jointure = l.person
        JOIN establishments e ON e.aaf_jointure = l.establishment
        WHERE l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.attached)
        UNION
        SELECT DISTINCT a.id, e.id, \(ProfileKind.head)
        FROM feed_staged_links l JOIN accounts a ON a.jointure = l.person JOIN establishments e ON e.aaf_jointure = l.establishment
        WHERE l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.direction)
        UNION
        SELECT DISTINCT a.id, e.id, \(ProfileKind.parent)
        FROM feed_staged_links l JOIN accounts a ON a.jointure = l.code JOIN establishments e ON e.aaf_jointure = l.establishment
        WHERE l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.parent)
        """
    }

    /// Establishments (ids) whose data this run rewrites: those of a full export; for a delta,
    /// also those its people belong to.
    static func exportEstablishments(_ run: Int, delta: Bool) -> SQLQueryString {
        let structures: SQLQueryString = """
            SELECT e.id FROM establishments e
            WHERE e.aaf_jointure IN (SELECT jointure FROM feed_staged_records
                                     WHERE run_id = \(bind: run) AND kind = \(FeedStagedKind.establishment))
            """
        guard delta else { return structures }
        return """
            \(structures)
            UNION SELECT e.id FROM establishments e
            WHERE e.aaf_jointure IN (SELECT establishment FROM feed_staged_links WHERE run_id = \(bind: run))
            """
    }

    /// PostgreSQL plans from statistics, which a freshly filled table does not have yet: without
    /// them a reference check took ten minutes instead of a second. SQLite needs none.
    static func refreshStatistics(_ tables: [String], on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        for table in tables {
            try await sql.raw("ANALYZE \(ident: table)").run()
        }
    }
}
