import BasculeDomain
import BasculeFormats
import SQLKit

/// The merge's steps for people's links of the year: memberships, teaching, parents, profiles.
extension FeedImporter {
    /// Staged links of `kinds` resolved to (container id, account id), for classes or groups of the year.
    private func resolved(_ run: Int, year: Int, kinds: [FeedLinkRow.Kind], table: String) -> SQLQueryString {
        """
        SELECT DISTINCT c.id AS container_id, a.id AS account_id, l.subject AS subject
        FROM feed_staged_links l
        JOIN establishments e ON e.aaf_jointure = l.establishment
        JOIN \(ident: table) c ON c.establishment_id = e.id AND c.school_year_id = \(bind: year) AND c.code = l.code
        JOIN accounts a ON a.jointure = l.person
        WHERE l.run_id = \(bind: run) AND l.kind IN (\(list: kinds))
        """
    }

    /// The export still links this account to this class or group (`container` and `account`
    /// are columns of the row under test; `subject`, for teaching, too). A correlated lookup
    /// through the staging indexes, cheap for every row.
    private func stillLinked(_ run: Int, kinds: [FeedLinkRow.Kind], table: String, container: String, account: String,
                             subject: String? = nil) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT 1 FROM \(ident: table) c
            JOIN establishments e ON e.id = c.establishment_id
            JOIN accounts a ON a.id = \(unsafeRaw: account)
            JOIN feed_staged_links l ON l.run_id = \(bind: run) AND l.kind IN (\(list: kinds)) AND l.person = a.jointure
                                    AND l.establishment = e.aaf_jointure AND l.code = c.code
            """
        if let subject {
            query = "\(query) JOIN subjects s ON s.id = \(unsafeRaw: subject) AND s.code = l.subject"
        }
        return "\(query) WHERE c.id = \(unsafeRaw: container)"
    }

    /// The account in `column` is one the export names (only their links are rewritten).
    /// Correlated on purpose: as an `IN` list, SQLite would probe every (container, account) pair.
    func named(_ run: Int, column: String) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM accounts a JOIN feed_staged_records r ON r.jointure = a.jointure
                  AND r.run_id = \(bind: run) AND r.kind IN (\(list: FeedStagedKind.people))
                WHERE a.id = \(unsafeRaw: column))
        """
    }

    /// Timetable and manual groups are not the feed's: their members and teaching are left alone.
    private static let feedGroupsOnly: SQLQueryString = " AND kind = \(GroupKind.institutional)"

    func mergeMemberships(_ run: Int, year: Int) async throws {
        let startsOn = max(options.today, options.year.defaultStart).iso
        let rules: [(table: String, container: String, parent: String, kinds: [FeedLinkRow.Kind],
                     groupFilter: SQLQueryString)] = [
            ("class_memberships", "class_id", "classes", [.schoolClass], ""),
            ("group_memberships", "group_id", "groups", [.group], Self.feedGroupsOnly),
        ]
        for (table, container, parent, kinds, groupFilter) in rules {
            let desired = resolved(run, year: year, kinds: kinds, table: parent)
            try await sql.raw("""
                DELETE FROM \(ident: table) AS m
                WHERE m.\(ident: container) IN (SELECT id FROM \(ident: parent) WHERE school_year_id = \(bind: year)
                                                AND establishment_id IN (\(FeedSQL.exportEstablishments(run, delta: isDelta)))
                                                \(groupFilter))
                  AND \(named(run, column: "m.account_id"))
                  AND NOT EXISTS (\(stillLinked(run, kinds: kinds, table: parent, container: "m.\(container)", account: "m.account_id")))
                """).run()
            try await sql.raw("""
                INSERT INTO \(ident: table) (\(ident: container), account_id, starts_on)
                SELECT d.container_id, d.account_id, \(bind: startsOn) FROM (\(desired)) d
                WHERE NOT EXISTS (SELECT 1 FROM \(ident: table) m WHERE m.\(ident: container) = d.container_id AND m.account_id = d.account_id)
                """).run()
        }
    }

    func mergeTeaching(_ run: Int, year: Int) async throws {
        let rules: [(column: String, parent: String, kinds: [FeedLinkRow.Kind], groupFilter: SQLQueryString)] = [
            ("class_id", "classes", [.teachesClass], ""),
            ("group_id", "groups", [.teachesGroup], Self.feedGroupsOnly),
        ]
        for (column, parent, kinds, groupFilter) in rules {
            let desired: SQLQueryString = """
                SELECT d.container_id, d.account_id, s.id AS subject_id FROM (\(resolved(run, year: year, kinds: kinds, table: parent))) d
                JOIN subjects s ON s.school_year_id = \(bind: year) AND s.code = d.subject
                """
            try await sql.raw("""
                DELETE FROM teaching_assignments AS t
                WHERE t.\(ident: column) IN (SELECT id FROM \(ident: parent) WHERE school_year_id = \(bind: year)
                                             AND establishment_id IN (\(FeedSQL.exportEstablishments(run, delta: isDelta)))
                                             \(groupFilter))
                  AND \(named(run, column: "t.teacher_id"))
                  AND NOT EXISTS (\(stillLinked(run, kinds: kinds, table: parent, container: "t.\(column)", account: "t.teacher_id",
                                                subject: "t.subject_id")))
                """).run()
            try await sql.raw("""
                INSERT INTO teaching_assignments (teacher_id, \(ident: column), subject_id)
                SELECT d.account_id, d.container_id, d.subject_id FROM (\(desired)) d
                WHERE NOT EXISTS (SELECT 1 FROM teaching_assignments t WHERE t.teacher_id = d.account_id
                                  AND t.\(ident: column) = d.container_id AND t.subject_id = d.subject_id)
                """).run()
        }
        let heads = resolved(run, year: year, kinds: [.headTeacher], table: "classes")
        try await sql.raw("""
            DELETE FROM head_teachers AS h
            WHERE h.class_id IN (SELECT id FROM classes WHERE school_year_id = \(bind: year)
                                 AND establishment_id IN (\(FeedSQL.exportEstablishments(run, delta: isDelta))))
              AND \(named(run, column: "h.teacher_id"))
              AND NOT EXISTS (\(stillLinked(run, kinds: [.headTeacher], table: "classes", container: "h.class_id",
                                            account: "h.teacher_id")))
            """).run()
        try await sql.raw("""
            INSERT INTO head_teachers (class_id, teacher_id)
            SELECT d.container_id, d.account_id FROM (\(heads)) d
            WHERE NOT EXISTS (SELECT 1 FROM head_teachers h WHERE h.class_id = d.container_id AND h.teacher_id = d.account_id)
            """).run()
    }

    func mergeParentLinks(_ run: Int, year: Int) async throws {
        let desired: SQLQueryString = """
            SELECT DISTINCT p.id AS parent_id, s.id AS student_id, l.flag AS flag FROM feed_staged_links l
            JOIN accounts s ON s.jointure = l.person JOIN accounts p ON p.jointure = l.code
            WHERE l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.parent)
            """
        try await sql.raw("""
            DELETE FROM parent_links AS x WHERE x.school_year_id = \(bind: year) AND \(named(run, column: "x.student_id"))
              AND NOT EXISTS (SELECT 1 FROM accounts s JOIN accounts p ON p.id = x.parent_id
                              JOIN feed_staged_links l ON l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.parent)
                                                      AND l.person = s.jointure AND l.code = p.jointure
                              WHERE s.id = x.student_id)
            """).run()
        try await sql.raw("""
            UPDATE parent_links SET is_legal_guardian = d.flag FROM (\(desired)) d
            WHERE parent_links.school_year_id = \(bind: year) AND parent_links.parent_id = d.parent_id
              AND parent_links.student_id = d.student_id AND parent_links.is_legal_guardian <> d.flag
            """).run()
        try await sql.raw("""
            INSERT INTO parent_links (school_year_id, parent_id, student_id, is_legal_guardian)
            SELECT \(bind: year), d.parent_id, d.student_id, d.flag FROM (\(desired)) d
            WHERE NOT EXISTS (SELECT 1 FROM parent_links x WHERE x.school_year_id = \(bind: year)
                              AND x.parent_id = d.parent_id AND x.student_id = d.student_id)
            """).run()
    }

    func mergeProfiles(_ run: Int, year: Int) async throws {
        let desired = FeedSQL.desiredProfiles(run)
        // One statement per kind, each a correlated lookup through the staging indexes.
        let kept: [(kind: ProfileKind, link: FeedLinkRow.Kind, column: String, person: SQLQueryString?)] = [
            (.student, .attached, "person", "r.kind = \(FeedStagedKind.student)"),
            (.teacher, .attached, "person", "r.kind = \(FeedStagedKind.personnel) AND r.is_teacher = TRUE"),
            (.staff, .attached, "person", "r.kind = \(FeedStagedKind.personnel) AND r.is_teacher = FALSE"),
            (.head, .direction, "person", nil),
            (.parent, .parent, "code", nil),
        ]
        for rule in kept {
            let person: SQLQueryString = rule.person.map {
                "JOIN feed_staged_records r ON r.run_id = \(bind: run) AND r.jointure = a.jointure AND \($0)"
            } ?? ""
            try await sql.raw("""
                DELETE FROM profiles AS p WHERE p.school_year_id = \(bind: year) AND p.kind = \(rule.kind)
                  AND \(named(run, column: "p.account_id"))
                  AND NOT EXISTS (SELECT 1 FROM accounts a JOIN establishments e ON e.id = p.establishment_id
                                  JOIN feed_staged_links l ON l.run_id = \(bind: run) AND l.kind = \(rule.link)
                                    AND l.\(ident: rule.column) = a.jointure AND l.establishment = e.aaf_jointure
                                  \(person)
                                  WHERE a.id = p.account_id)
                """).run()
        }
        try await sql.raw("""
            INSERT INTO profiles (account_id, establishment_id, school_year_id, kind)
            SELECT d.account_id, d.establishment_id, \(bind: year), d.kind FROM (\(desired)) d
            WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = d.account_id AND p.establishment_id = d.establishment_id
                              AND p.school_year_id = \(bind: year) AND p.kind = d.kind)
            """).run()
    }
}
