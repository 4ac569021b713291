import BasculeDomain
import FluentKit
import SQLKit

/// The access rules of the services' tables (`ReadRule`, `WriteRule` in `ServiceSchema`),
/// turned into checks and SQL predicates on the row alias `t`.
extension Viewer {
    /// Checks what can be checked without the rows; returns the predicate rows must meet, if any.
    func readPredicate(_ rule: ReadRule, table: String, establishmentID: Int,
                       on db: any Database) async throws -> SQLQueryString? {
        if isOperator {
            // The operator runs the platform; people's own data stays theirs.
            if case .owner(let column) = rule { return "t.\(ident: column) = \(bind: accountID)" }
            return nil
        }
        guard canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        switch rule {
        case .members:
            return nil
        case .personnel:
            guard isPersonnel(of: establishmentID) else {
                throw ServiceError.forbidden("« \(Self.service(of: table)) » est réservé aux personnels de l'établissement.")
            }
            return nil
        case .administrators:
            guard administers(establishmentID) else {
                throw ServiceError.forbidden("« \(Self.service(of: table)) » est réservé aux administrateurs de l'établissement.")
            }
            return nil
        case .owner(let column):
            return "t.\(ident: column) = \(bind: accountID)"
        case .student(let column):
            if isPersonnel(of: establishmentID) { return nil }
            let students = try await DirectoryAccess(viewer: self, db: db).ownStudents() + [accountID]
            return "t.\(ident: column) IN (\(binds: students))"
        case .classAudience:
            if isPersonnel(of: establishmentID) { return nil }
            let people = try await DirectoryAccess(viewer: self, db: db).ownStudents() + [accountID]
            return """
                (t.class_id IN (SELECT class_id FROM class_memberships WHERE account_id IN (\(binds: people))) \
                OR t.group_id IN (SELECT group_id FROM group_memberships WHERE account_id IN (\(binds: people))))
                """
        case .sectionAudience:
            return try await sectionAudiencePredicate(establishmentID: establishmentID, on: db)
        }
    }

    /// Whether the viewer may create or delete rows under this rule, in this establishment.
    func checkWrite(_ rule: WriteRule, table: String, establishmentID: Int) throws(ServiceError) {
        if isOperator { return }
        guard canSee(establishmentID: establishmentID) else {
            throw .forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        switch rule {
        case .administrators where !administers(establishmentID):
            throw .forbidden("Seuls les administrateurs de l'établissement écrivent dans « \(Self.service(of: table)) ».")
        case .personnel where !isPersonnel(of: establishmentID):
            throw .forbidden("Seuls les personnels de l'établissement écrivent dans « \(Self.service(of: table)) ».")
        case .dedicated:
            throw .dedicatedRoute(table: table, route: table.hasPrefix("mail_") ? "/api/v1/mail" : "le téléversement")
        default:
            return
        }
    }

    /// A refusal names the service as its pages do (« Communications ciblées »), not its table.
    static func service(of table: String) -> String {
        ServiceSchema.byName[table]?.service.label ?? table
    }

    /// A logbook laid out by the timetable is a teacher's: the sessions of the courses they teach.
    func checkTeaches(establishmentID: Int) throws(ServiceError) {
        guard kinds(in: establishmentID).contains(.teacher) else { throw .forbidden(Self.teachersOnly) }
    }

    static let teachersOnly = "Le cahier de textes de ses cours est réservé aux enseignants de l'établissement."
}
