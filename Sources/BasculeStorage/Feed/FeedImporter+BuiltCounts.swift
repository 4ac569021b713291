import BasculeDomain
import BasculeFormats
import SQLKit

/// The report's counts of what the import builds from the records — classes, groups,
/// memberships, guardian links, teaching, head teachers, direction — taken, like the others,
/// before anything is written. The staging speaks in natural keys (an establishment's
/// jointure, a class code, a person's jointure), so each count compares those keys with the
/// directory's, whether or not the year, the class or the account exists yet.
extension FeedImporter {
    enum BuiltChange: String, Decodable {
        case created, updated, unchanged, removed
    }

    struct BuiltOutcome: Decodable {
        let uai: String?
        let kind: FeedReportKind
        let outcome: BuiltChange
        let n: Int
    }

    /// What the merge of `FeedImporter+Links` and `+Apply` will create, keep and remove.
    func builtOutcomes(_ run: Int) async throws -> [BuiltOutcome] {
        let year: SQLQueryString = "(SELECT id FROM school_years WHERE name = \(bind: options.year.description))"
        let links = FeedLinkRow.Kind.self
        var outcomes: [BuiltOutcome] = []
        // Containers: created, or already there. The merge never deletes a class or a group.
        for (kind, linkKinds, table) in [(FeedReportKind.schoolClass, [links.schoolClass, .teachesClass, .headTeacher], "classes"),
                                         (.group, [links.group, .teachesGroup], "groups")] {
            outcomes += try await keyed(kind, run, linkKinds, keys: ["code"], exists: """
                SELECT 1 FROM \(ident: table) c JOIN establishments e2 ON e2.id = c.establishment_id
                WHERE e2.aaf_jointure = d.establishment AND c.code = d.code AND c.school_year_id = \(year)
                """)
        }
        let memberships: [(FeedReportKind, FeedLinkRow.Kind, String, String, SQLQueryString)] = [
            (.classMembership, .schoolClass, "class_memberships", "classes", ""),
            (.groupMembership, .group, "group_memberships", "groups", " AND c.kind = \(GroupKind.institutional)"),
        ]
        for (kind, linkKind, table, parent, feedOnly) in memberships {
            let column: SQLQueryString = parent == "classes" ? "class_id" : "group_id"
            let joined: SQLQueryString = """
                \(ident: table) m JOIN \(ident: parent) c ON c.id = m.\(column)
                JOIN establishments e2 ON e2.id = c.establishment_id JOIN accounts a ON a.id = m.account_id
                """
            outcomes += try await keyed(kind, run, [linkKind], keys: ["code", "person"], exists: """
                SELECT 1 FROM \(joined) WHERE e2.aaf_jointure = d.establishment AND c.code = d.code
                  AND c.school_year_id = \(year) AND a.jointure = d.person
                """)
            outcomes += try await removed(kind, from: joined, where: "c.school_year_id = \(year)\(feedOnly)", run, unless: """
                l.kind = \(linkKind) AND l.person = a.jointure AND l.establishment = e2.aaf_jointure AND l.code = c.code
                """)
        }
        outcomes += try await teachingOutcomes(run, year: year)
        let heads: SQLQueryString = """
            head_teachers h JOIN classes c ON c.id = h.class_id
            JOIN establishments e2 ON e2.id = c.establishment_id JOIN accounts a ON a.id = h.teacher_id
            """
        outcomes += try await keyed(.headTeacher, run, [.headTeacher], keys: ["code", "person"], exists: """
            SELECT 1 FROM \(heads) WHERE e2.aaf_jointure = d.establishment AND c.code = d.code
              AND c.school_year_id = \(year) AND a.jointure = d.person
            """)
        outcomes += try await removed(.headTeacher, from: heads, where: "c.school_year_id = \(year)", run, unless: """
            l.kind = \(links.headTeacher) AND l.person = a.jointure AND l.establishment = e2.aaf_jointure AND l.code = c.code
            """)
        let direction: SQLQueryString = """
            profiles p JOIN establishments e2 ON e2.id = p.establishment_id JOIN accounts a ON a.id = p.account_id
            """
        outcomes += try await keyed(.direction, run, [.direction], keys: ["person"], exists: """
            SELECT 1 FROM \(direction) WHERE e2.aaf_jointure = d.establishment AND a.jointure = d.person
              AND p.school_year_id = \(year) AND p.kind = \(ProfileKind.head)
            """)
        outcomes += try await removed(.direction, from: direction, where: "p.school_year_id = \(year) AND p.kind = \(ProfileKind.head)",
                                      run, unless: "l.kind = \(links.direction) AND l.person = a.jointure AND l.establishment = e2.aaf_jointure")
        outcomes += try await guardianOutcomes(run, year: year)
        return outcomes
    }

    private func teachingOutcomes(_ run: Int, year: SQLQueryString) async throws -> [BuiltOutcome] {
        var outcomes: [BuiltOutcome] = []
        for (linkKind, parent, column, feedOnly) in [(FeedLinkRow.Kind.teachesClass, "classes", "class_id", "" as SQLQueryString),
                                                     (.teachesGroup, "groups", "group_id", " AND c.kind = \(GroupKind.institutional)")] {
            let joined: SQLQueryString = """
                teaching_assignments t JOIN \(ident: parent) c ON c.id = t.\(ident: column)
                JOIN establishments e2 ON e2.id = c.establishment_id JOIN accounts a ON a.id = t.teacher_id
                JOIN subjects s ON s.id = t.subject_id
                """
            outcomes += try await keyed(.teachingAssignment, run, [linkKind], keys: ["code", "person", "subject"], exists: """
                SELECT 1 FROM \(joined) WHERE e2.aaf_jointure = d.establishment AND c.code = d.code
                  AND c.school_year_id = \(year) AND a.jointure = d.person AND s.code = d.subject
                """)
            outcomes += try await removed(.teachingAssignment, from: joined, where: "c.school_year_id = \(year)\(feedOnly)",
                                          run, person: "t.teacher_id", unless: """
                l.kind = \(linkKind) AND l.person = a.jointure AND l.establishment = e2.aaf_jointure AND l.code = c.code
                  AND l.subject = s.code
                """)
        }
        return outcomes
    }

    /// A link is counted under its kind of guardian: the export's for a new or kept link,
    /// the directory's for one removed.
    private func guardianOutcomes(_ run: Int, year: SQLQueryString) async throws -> [BuiltOutcome] {
        let kind: (SQLQueryString) -> SQLQueryString = {
            "CASE WHEN \($0) = \(bind: true) THEN \(FeedReportKind.legalGuardianLink) ELSE \(FeedReportKind.otherGuardianLink) END"
        }
        var outcomes = try await sql.raw("""
            SELECT COALESCE(ue.uai, us.uai) AS uai, \(kind("d.flag")) AS kind,
                   CASE WHEN x.student_id IS NULL THEN \(BuiltChange.created)
                        WHEN x.is_legal_guardian <> d.flag THEN \(BuiltChange.updated) ELSE \(BuiltChange.unchanged) END AS outcome,
                   COUNT(*) AS n
            FROM (SELECT DISTINCT establishment, person, code, flag FROM feed_staged_links
                  WHERE run_id = \(bind: run) AND kind = \(FeedLinkRow.Kind.parent)) d
            \(uaiJoins(run, "d.establishment"))
            LEFT JOIN (SELECT x.student_id, x.is_legal_guardian, s.jointure AS student, p.jointure AS adult
                         FROM parent_links x JOIN accounts s ON s.id = x.student_id JOIN accounts p ON p.id = x.parent_id
                         WHERE x.school_year_id = \(year)) x ON x.student = d.person AND x.adult = d.code
            GROUP BY 1, 2, 3
            """).all(decoding: BuiltOutcome.self)
        outcomes += try await sql.raw("""
            SELECT (SELECT MIN(e.uai) FROM feed_staged_links l2 JOIN establishments e ON e.aaf_jointure = l2.establishment
                    WHERE l2.run_id = \(bind: run) AND l2.kind = \(FeedLinkRow.Kind.attached) AND l2.person = s.jointure) AS uai,
                   \(kind("x.is_legal_guardian")) AS kind, \(BuiltChange.removed) AS outcome, COUNT(*) AS n
            FROM parent_links x JOIN accounts s ON s.id = x.student_id JOIN accounts p ON p.id = x.parent_id
            WHERE x.school_year_id = \(year) AND \(named(run, column: "x.student_id"))
              AND NOT EXISTS (SELECT 1 FROM feed_staged_links l WHERE l.run_id = \(bind: run) AND l.kind = \(FeedLinkRow.Kind.parent)
                              AND l.person = s.jointure AND l.code = p.jointure)
            GROUP BY 1, 2
            """).all(decoding: BuiltOutcome.self)
        return outcomes
    }

    // MARK: shapes

    /// The distinct staged links of `kinds` (by establishment and `keys`), each created or unchanged.
    private func keyed(_ kind: FeedReportKind, _ run: Int, _ kinds: [FeedLinkRow.Kind], keys: [String],
                       exists: SQLQueryString) async throws -> [BuiltOutcome] {
        let columns = keys.reduce("" as SQLQueryString) { "\($0), \(ident: $1)" }
        return try await sql.raw("""
            SELECT COALESCE(ue.uai, us.uai) AS uai, \(kind) AS kind,
                   CASE WHEN EXISTS (\(exists)) THEN \(BuiltChange.unchanged) ELSE \(BuiltChange.created) END AS outcome, COUNT(*) AS n
            FROM (SELECT DISTINCT establishment\(columns) FROM feed_staged_links
                  WHERE run_id = \(bind: run) AND kind IN (\(list: kinds))) d
            \(uaiJoins(run, "d.establishment"))
            GROUP BY 1, 2, 3
            """).all(decoding: BuiltOutcome.self)
    }

    /// The rows of `joined` (with `e2` its establishment and `a` its account) that the merge
    /// deletes: in an establishment of the export, of a person the export names, and no longer
    /// linked by a staged link `l` matching `unless`.
    private func removed(_ kind: FeedReportKind, from joined: SQLQueryString, where filter: SQLQueryString, _ run: Int,
                         person: String = "a.id", unless: SQLQueryString) async throws -> [BuiltOutcome] {
        try await sql.raw("""
            SELECT e2.uai, \(kind) AS kind, \(BuiltChange.removed) AS outcome, COUNT(*) AS n FROM \(joined)
            WHERE \(filter) AND e2.id IN (\(FeedSQL.exportEstablishments(run, delta: isDelta)))
              AND \(named(run, column: person))
              AND NOT EXISTS (SELECT 1 FROM feed_staged_links l WHERE l.run_id = \(bind: run) AND \(unless))
            GROUP BY e2.uai
            """).all(decoding: BuiltOutcome.self)
    }

    /// Joins `ue` and `us`, the establishment whose jointure is in `column`, known or new in the
    /// export: its UAI is `COALESCE(ue.uai, us.uai)`.
    private func uaiJoins(_ run: Int, _ column: String) -> SQLQueryString {
        """
        LEFT JOIN establishments ue ON ue.aaf_jointure = \(unsafeRaw: column)
        LEFT JOIN feed_staged_records us ON us.run_id = \(bind: run) AND us.kind = \(FeedStagedKind.establishment)
                                         AND us.jointure = \(unsafeRaw: column)
        """
    }
}
