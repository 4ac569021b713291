import BasculeDomain
import FluentKit
import SQLKit

/// The roles of a section (rubrique) — readers, contributors, managers, given to a person or a
/// group — enforced on the section and on everything inside it (publications, shared folders
/// and documents, roles). A section that gives no roles is open, as before roles existed.
extension Viewer {
    /// Rows of `section_roles` of section `section` held by one of `people`, in person or through
    /// a group, with one of `roles`.
    static func holdsRole(in section: SQLQueryString, roles: [SectionRole], people: [Int]) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM section_roles r WHERE r.section_id = \(section) AND r.role IN (\(list: roles))
                AND (r.account_id IN (\(binds: people))
                     OR r.group_id IN (SELECT group_id FROM group_memberships WHERE account_id IN (\(binds: people)))))
        """
    }

    /// The sections (`t`) the viewer may read in an establishment; nil: all of them.
    func sectionAudiencePredicate(establishmentID: Int, on db: any Database) async throws -> SQLQueryString? {
        if administers(establishmentID) { return nil }
        let people = try await DirectoryAccess(viewer: self, db: db).ownStudents() + [accountID]
        let ofClass: SQLQueryString = isPersonnel(of: establishmentID)
            ? "t.class_id IS NOT NULL"
            : "t.class_id IN (SELECT class_id FROM class_memberships WHERE account_id IN (\(binds: people)))"
        // A section nobody was given a role in is open to the establishment — but the recycle
        // bin is its administrators', and the archive containers are the personnel's.
        let closed: [SectionKind] = isPersonnel(of: establishmentID) ? [.recycleBin] : [.recycleBin, .archives, .archive]
        return """
            ((t.class_id IS NULL AND t.kind NOT IN (\(binds: closed.map(\.rawValue))) \
            AND NOT EXISTS (SELECT 1 FROM section_roles r WHERE r.section_id = t.id))
             OR \(ofClass) OR \(Self.holdsRole(in: "t.id", roles: SectionRole.allCases, people: people)))
            """
    }

    /// Whether the viewer may write under a section's rule (`sectionContributors`,
    /// `sectionManagers`) in the section `sectionID`.
    func checkSectionWrite(_ rule: WriteRule, sectionID: Int, establishmentID: Int,
                           on sql: any SQLDatabase) async throws {
        if isOperator || administers(establishmentID) { return }
        let roles: [SectionRole] = rule == .sectionManagers ? [.manager] : [.manager, .contributor]
        struct Row: Decodable { let given: Int; let held: Int }
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM section_roles r WHERE r.section_id = \(bind: sectionID)) AS given,
                   CASE WHEN \(Self.holdsRole(in: "\(bind: sectionID)", roles: roles, people: [accountID])) THEN 1 ELSE 0 END AS held
            """).first(decoding: Row.self)
        let open = row?.given == 0 && rule != .sectionManagers && isPersonnel(of: establishmentID)
        guard open || row?.held == 1 else {
            throw ServiceError.forbidden(rule == .sectionManagers
                ? "Seuls les gestionnaires de la rubrique et les administrateurs en modifient les rôles."
                : "Seuls les contributeurs et les gestionnaires de la rubrique y écrivent.")
        }
    }
}
