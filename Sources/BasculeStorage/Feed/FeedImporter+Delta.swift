import BasculeDomain
import BasculeFormats
import FluentKit
import SQLKit

/// A delta export carries only changes. A `modifyRequest` names the attributes it replaces;
/// what it leaves out is read back from the directory, so that the merge sees whole people
/// and rewrites only what changed. A `deleteRequest` is a departure. Nothing is inferred from
/// absence.
extension FeedImporter {
    /// A delta applies on top of a full import of its year; a year can exist without one (made
    /// by a year change, or by hand). Checked before anything is staged.
    func requireFullImport(before file: AAFFile) async throws {
        guard try await !ImportHistoryStore(db: db).hasAppliedImport(into: options.year, full: true) else { return }
        throw Failure.refused(AAFError(file: file.name, reason: "export Delta du \(file.date.french) arrivé avant tout import Complet "
            + "de l'année \(options.year) ; un Delta ne s'applique que sur un import Complet : déposez d'abord celui-ci"))
    }

    func completeDelta(runID run: Int) async throws -> [FeedRejection] {
        guard let year = try await SchoolYear.query(on: db).filter(\.$name == options.year).first(), let yearID = year.id else {
            throw Failure.refused(AAFError(file: "export Delta", reason: "aucun import Complet dans l'année \(options.year) : un Delta s'applique sur un import Complet"))
        }
        let rejections = try await rejectUnknownPeople(run)
        try await completeIdentities(run, year: yearID)
        try await completeLinks(run, year: yearID)
        return rejections
    }

    private func rejectUnknownPeople(_ run: Int) async throws -> [FeedRejection] {
        let unknown: SQLQueryString = """
            r.run_id = \(bind: run)
              AND ((r.operation = \(FeedStagedOperation.modify) AND r.kind IN (\(list: FeedStagedKind.people)))
                   OR r.kind = \(FeedStagedKind.deleted))
              AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.jointure = r.jointure AND a.source = \(AccountSource.feed))
            """
        return try await reject(unknown, run, reason: "compte inconnu de l'annuaire : modification ou suppression ignorée")
    }

    private func completeIdentities(_ run: Int, year: Int) async throws {
        func kept(_ attribute: String, _ column: String) -> SQLQueryString {
            "\(ident: column) = CASE WHEN feed_staged_records.replaces LIKE \(bind: "%,\(attribute),%") THEN feed_staged_records.\(ident: column) ELSE a.\(ident: column) END"
        }
        try await sql.raw("""
            UPDATE feed_staged_records SET \(kept("sn", "last_name")), \(kept("givenName", "first_name")),
                   \(kept("ENTPersonDateNaissance", "birth_date")), \(kept("mail", "email")), \(kept("ENTEleveINE", "ine")),
                   is_teacher = CASE WHEN feed_staged_records.replaces LIKE '%,PersEducNatPresenceDevantEleves,%'
                                       OR feed_staged_records.replaces LIKE '%,ENTPersonFonctions,%' THEN feed_staged_records.is_teacher
                                     ELSE EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.school_year_id = \(bind: year)
                                                  AND p.kind = \(ProfileKind.teacher)) END
            FROM accounts a
            WHERE a.jointure = feed_staged_records.jointure AND feed_staged_records.run_id = \(bind: run)
              AND feed_staged_records.operation = \(FeedStagedOperation.modify)
              AND feed_staged_records.kind IN (\(list: FeedStagedKind.people))
            """).run()
    }

    /// For each kind of link a modification leaves out, the person's links of the year.
    private func completeLinks(_ run: Int, year: Int) async throws {
        let homeOf: (String) -> SQLQueryString = { account in
            """
            COALESCE((SELECT MIN(e.aaf_jointure) FROM profiles p JOIN establishments e ON e.id = p.establishment_id
                      WHERE p.account_id = \(unsafeRaw: account) AND p.school_year_id = \(bind: year)
                        AND p.kind = \(ProfileKind.student)), '')
            """
        }
        // (person kinds, attributes whose absence keeps the links, link kind,
        //  columns establishment, code, subject, flag, person — then joins and conditions)
        let rules: [(kinds: [FeedStagedKind], absent: [String], link: FeedLinkRow.Kind, columns: SQLQueryString,
                     from: SQLQueryString)] = [
            (FeedStagedKind.attachedPeople, ["ENTPersonStructRattach"], .attached,
             "e.aaf_jointure, '', NULL, \(bind: false), r.jointure", """
                JOIN profiles p ON p.account_id = a.id AND p.school_year_id = \(bind: year)
                                AND p.kind IN (\(list: [ProfileKind.student, .teacher, .staff]))
                JOIN establishments e ON e.id = p.establishment_id
                """),
            ([.student], ["ENTEleveClasses"], .schoolClass, "e.aaf_jointure, c.code, mf.code, \(bind: false), r.jointure", """
                JOIN class_memberships m ON m.account_id = a.id
                JOIN classes c ON c.id = m.class_id AND c.school_year_id = \(bind: year)
                JOIN establishments e ON e.id = c.establishment_id LEFT JOIN mefs mf ON mf.id = c.mef_id
                """),
            ([.student], ["ENTEleveGroupes"], .group, "e.aaf_jointure, g.code, NULL, \(bind: false), r.jointure", """
                JOIN group_memberships m ON m.account_id = a.id
                JOIN groups g ON g.id = m.group_id AND g.school_year_id = \(bind: year) AND g.kind = \(GroupKind.institutional)
                JOIN establishments e ON e.id = g.establishment_id
                """),
            ([.student], ["ENTElevePersRelEleve", "ENTEleveParents", "ENTElevePere", "ENTEleveMere", "ENTEleveAutoriteParentale"],
             .parent, "\(homeOf("a.id")), pa.jointure, NULL, x.is_legal_guardian, r.jointure", """
                JOIN parent_links x ON x.student_id = a.id AND x.school_year_id = \(bind: year)
                JOIN accounts pa ON pa.id = x.parent_id
                """),
            // An adult's links are their children's: kept unless the child's record is in the delta.
            ([.parent], [], .parent, "\(homeOf("st.id")), r.jointure, NULL, x.is_legal_guardian, st.jointure", """
                JOIN parent_links x ON x.parent_id = a.id AND x.school_year_id = \(bind: year)
                JOIN accounts st ON st.id = x.student_id
                  AND NOT EXISTS (SELECT 1 FROM feed_staged_records s WHERE s.run_id = r.run_id AND s.jointure = st.jointure
                                  AND s.kind = \(FeedStagedKind.student))
                """),
            ([.personnel], ["ENTAuxEnsClassesMatieres"], .teachesClass,
             "e.aaf_jointure, c.code, s.code, \(bind: false), r.jointure", """
                JOIN teaching_assignments t ON t.teacher_id = a.id
                JOIN classes c ON c.id = t.class_id AND c.school_year_id = \(bind: year)
                JOIN establishments e ON e.id = c.establishment_id JOIN subjects s ON s.id = t.subject_id
                """),
            ([.personnel], ["ENTAuxEnsGroupesMatieres"], .teachesGroup,
             "e.aaf_jointure, g.code, s.code, \(bind: false), r.jointure", """
                JOIN teaching_assignments t ON t.teacher_id = a.id
                JOIN groups g ON g.id = t.group_id AND g.school_year_id = \(bind: year) AND g.kind = \(GroupKind.institutional)
                JOIN establishments e ON e.id = g.establishment_id JOIN subjects s ON s.id = t.subject_id
                """),
            ([.personnel], ["ENTAuxEnsClassesPrincipal"], .headTeacher,
             "e.aaf_jointure, c.code, NULL, \(bind: false), r.jointure", """
                JOIN head_teachers h ON h.teacher_id = a.id
                JOIN classes c ON c.id = h.class_id AND c.school_year_id = \(bind: year)
                JOIN establishments e ON e.id = c.establishment_id
                """),
            ([.personnel], ["ENTPersonFonctions"], .direction, "e.aaf_jointure, '', NULL, \(bind: false), r.jointure", """
                JOIN profiles p ON p.account_id = a.id AND p.school_year_id = \(bind: year) AND p.kind = \(ProfileKind.head)
                JOIN establishments e ON e.id = p.establishment_id
                """),
        ]
        for rule in rules {
            var absent: SQLQueryString = ""
            for attribute in rule.absent {
                absent = "\(absent) AND r.replaces NOT LIKE \(bind: "%,\(attribute),%")"
            }
            try await sql.raw("""
                INSERT INTO feed_staged_links (run_id, establishment, code, subject, flag, person, kind)
                SELECT DISTINCT \(bind: run), \(rule.columns), \(rule.link)
                FROM feed_staged_records r JOIN accounts a ON a.jointure = r.jointure
                \(rule.from)
                WHERE r.run_id = \(bind: run) AND r.operation = \(FeedStagedOperation.modify)
                  AND r.kind IN (\(list: rule.kinds)) \(absent)
                """).run()
        }
    }
}
