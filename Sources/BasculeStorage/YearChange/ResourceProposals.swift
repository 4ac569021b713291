import BasculeDomain
import SQLKit

/// Last year's Médiacentre assignments, offered to the assignment referent after the change
/// reset them: each one mapped onto this year's class or group of the same code (a level or a
/// teacher still in the establishment as is). Those that map can be applied in one go.
public struct ResourceProposals: Sendable {
    public struct Proposal: Sendable, Codable, Equatable {
        public let resourceID: Int
        public let resourceTitle: String
        /// What it was assigned to last year: "classe 3A", "niveau 4e"…
        public let target: String
        public let classID: Int?
        public let groupID: Int?
        public let level: String?
        public let teacherID: Int?
        /// Whether it maps onto this year (the class, group or teacher exists).
        public let applicable: Bool
    }

    let sql: any SQLDatabase

    public init(sql: any SQLDatabase) {
        self.sql = sql
    }

    public func list(establishmentID: Int, yearID: Int, previousYearID: Int) async throws -> [Proposal] {
        struct Row: Decodable {
            let resource_id: Int, title: String, class_code: String?, group_code: String?, level: String?, teacher_id: Int?
            let new_class: Int?, new_group: Int?, teacher_stays: Int?
        }
        let rows = try await sql.raw("""
            SELECT a.resource_id, r.title, c.code AS class_code, g.code AS group_code, a.level, a.teacher_id,
                (SELECT n.id FROM classes n WHERE n.establishment_id = r.establishment_id AND n.school_year_id = \(bind: yearID)
                 AND n.code = c.code) AS new_class,
                (SELECT n.id FROM groups n WHERE n.establishment_id = r.establishment_id AND n.school_year_id = \(bind: yearID)
                 AND n.code = g.code) AS new_group,
                (SELECT MIN(p.id) FROM profiles p WHERE p.account_id = a.teacher_id AND p.establishment_id = r.establishment_id
                 AND p.school_year_id = \(bind: yearID)) AS teacher_stays
            FROM gar_assignments a JOIN gar_resources r ON r.id = a.resource_id
            LEFT JOIN classes c ON c.id = a.class_id LEFT JOIN groups g ON g.id = a.group_id
            WHERE r.establishment_id = \(bind: establishmentID) AND a.school_year_id = \(bind: previousYearID)
            ORDER BY r.title, a.id
            """).all(decoding: Row.self)
        return rows.map { row in
            let (target, applicable): (String, Bool) =
                if let code = row.class_code { ("classe \(code)", row.new_class != nil) }
                else if let code = row.group_code { ("groupe \(code)", row.new_group != nil) }
                else if let level = row.level { ("niveau \(level)", true) }
                else { ("enseignant \(row.teacher_id ?? 0)", row.teacher_stays != nil) }
            return Proposal(resourceID: row.resource_id, resourceTitle: row.title, target: target, classID: row.new_class,
                            groupID: row.new_group, level: row.level, teacherID: row.teacher_stays == nil ? nil : row.teacher_id,
                            applicable: applicable)
        }
    }

    /// Assigns again, for this year, every proposal that maps and is not assigned yet. Returns how many.
    public func apply(establishmentID: Int, yearID: Int, previousYearID: Int) async throws -> Int {
        var applied = 0
        for proposal in try await list(establishmentID: establishmentID, yearID: yearID, previousYearID: previousYearID)
        where proposal.applicable {
            let exists = try await sql.raw("""
                SELECT COUNT(*) AS n FROM gar_assignments WHERE resource_id = \(bind: proposal.resourceID)
                AND school_year_id = \(bind: yearID) AND class_id IS NOT DISTINCT FROM \(bind: proposal.classID)
                AND group_id IS NOT DISTINCT FROM \(bind: proposal.groupID) AND level IS NOT DISTINCT FROM \(bind: proposal.level)
                AND teacher_id IS NOT DISTINCT FROM \(bind: proposal.teacherID)
                """).first(decodingColumn: "n", as: Int.self) ?? 0
            guard exists == 0 else { continue }
            try await sql.insert(into: "gar_assignments")
                .columns("resource_id", "school_year_id", "class_id", "group_id", "level", "teacher_id")
                .values(SQLBind(proposal.resourceID), SQLBind(yearID), SQLBind(proposal.classID), SQLBind(proposal.groupID),
                        SQLBind(proposal.level), SQLBind(proposal.teacherID))
                .run()
            applied += 1
        }
        return applied
    }
}
