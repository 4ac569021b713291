import BasculeDomain
import FluentKit
import SQLKit

/// The statistics of absences, punishments and sanctions of a year, computed from the rows (the
/// guide leaves them to the establishment to save; the year-change dashboard exports them).
public struct SchoolLifeStatistics: Codable, Sendable {
    public struct Count: Codable, Sendable, Equatable {
        public let label: String
        public let count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// What the statistics count: a class's students, a period (dates inclusive), or everything.
    public struct Scope: Sendable, Equatable {
        public var classID: Int?
        public var from: CalendarDate?
        public var to: CalendarDate?

        public init(classID: Int? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.classID = classID
            self.from = from
            self.to = to
        }

        /// The conditions on a table's alias (its `student_id`) and the column that dates its rows.
        func predicate(_ alias: String, date column: String, yearID: Int) -> SQLQueryString {
            var conditions: [SQLQueryString] = []
            if let classID {
                conditions.append("""
                    \(ident: alias).student_id IN (SELECT m.account_id FROM class_memberships m JOIN classes c ON c.id = m.class_id \
                    WHERE c.id = \(bind: classID) AND c.school_year_id = \(bind: yearID))
                    """)
            }
            if let from { conditions.append("\(ident: alias).\(ident: column) >= \(bind: from.iso)") }
            if let to { conditions.append("\(ident: alias).\(ident: column) < \(bind: to.adding(days: 1).iso)") }
            return conditions.reduce("") { $0 + " AND " + $1 }
        }
    }

    public let year: String
    public let absences: Int
    public let justifiedAbsences: Int
    public let absencesByReason: [Count]
    public let absencesByClass: [Count]
    public let punishmentsByType: [Count]
    public let sanctionsByKind: [Count]

    static func compute(establishmentID: Int, yearID: Int, scope: Scope = Scope(),
                        on sql: any SQLDatabase) async throws -> SchoolLifeStatistics {
        func counts(_ query: SQLQueryString) async throws -> [Count] {
            try await sql.raw(query).all().map {
                Count(label: try $0.decode(column: "label", as: String?.self) ?? "Sans motif", count: try $0.decode(column: "n", as: Int.self))
            }
        }
        let onAbsences = scope.predicate("a", date: "starts_at", yearID: yearID)
        let onPunishments = scope.predicate("p", date: "given_on", yearID: yearID)
        let onSanctions = scope.predicate("s", date: "decided_on", yearID: yearID)
        let totals = try await sql.raw("""
            SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN a.is_justified THEN 1 ELSE 0 END), 0) AS justified
            FROM absences a WHERE a.establishment_id = \(bind: establishmentID) AND a.school_year_id = \(bind: yearID)\(onAbsences)
            """).first()
        let name = try await sql.select().column("name").from("school_years").where("id", .equal, yearID)
            .first(decodingColumn: "name", as: String.self) ?? ""
        return SchoolLifeStatistics(
            year: name,
            absences: try totals?.decode(column: "n", as: Int.self) ?? 0,
            justifiedAbsences: try totals?.decode(column: "justified", as: Int.self) ?? 0,
            absencesByReason: try await counts("""
                SELECT r.label AS label, COUNT(*) AS n FROM absences a LEFT JOIN absence_reasons r ON r.id = a.reason_id
                WHERE a.establishment_id = \(bind: establishmentID) AND a.school_year_id = \(bind: yearID)\(onAbsences)
                GROUP BY r.label ORDER BY n DESC, r.label
                """),
            absencesByClass: try await counts("""
                SELECT c.code AS label, COUNT(*) AS n FROM absences a
                JOIN class_memberships m ON m.account_id = a.student_id
                JOIN classes c ON c.id = m.class_id AND c.school_year_id = a.school_year_id AND c.establishment_id = a.establishment_id
                WHERE a.establishment_id = \(bind: establishmentID) AND a.school_year_id = \(bind: yearID)\(onAbsences)
                GROUP BY c.code ORDER BY c.code
                """),
            punishmentsByType: try await counts("""
                SELECT t.label AS label, COUNT(*) AS n FROM punishments p LEFT JOIN punishment_types t ON t.id = p.type_id
                WHERE p.establishment_id = \(bind: establishmentID) AND p.school_year_id = \(bind: yearID)\(onPunishments)
                GROUP BY t.label ORDER BY n DESC, t.label
                """),
            sanctionsByKind: try await counts("""
                SELECT s.kind AS label, COUNT(*) AS n FROM sanctions s
                WHERE s.establishment_id = \(bind: establishmentID) AND s.school_year_id = \(bind: yearID)\(onSanctions)
                GROUP BY s.kind ORDER BY n DESC, s.kind
                """))
    }
}

/// The statistics of an establishment, for its personnel (and the operator).
public struct SchoolLifeStatisticsStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// `year`: a year's name, or nil for the establishment's own.
    public func statistics(establishmentID: Int, year: String?, scope: SchoolLifeStatistics.Scope = .init()) async throws
        -> SchoolLifeStatistics {
        guard viewer.isPersonnel(of: establishmentID) else {
            throw ServiceError.forbidden("Les statistiques de vie scolaire sont réservées aux personnels de l'établissement.")
        }
        let own = try await viewer.year(of: establishmentID, on: db)
        guard let yearID = try await SchoolYear.id(named: year, otherwise: own, on: db) else { throw ServiceError.noCurrentYear }
        return try await .compute(establishmentID: establishmentID, yearID: yearID, scope: scope, on: db.sql)
    }
}
