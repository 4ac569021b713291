import BasculeDomain
import FluentKit
import SQLKit

/// The school life office's work on the establishment's absences: the list, filtered by class,
/// period, kind and whether justified, paged; and the justification of one.
extension SchoolLifeStore {
    public struct OfficeFilter: Sendable, Equatable {
        public var classID: Int?
        /// Dates, inclusive.
        public var from: CalendarDate?
        public var to: CalendarDate?
        public var kind: AbsenceKind?
        public var onlyUnjustified: Bool
        public var page: Int

        public init(classID: Int? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, kind: AbsenceKind? = nil,
                    onlyUnjustified: Bool = false, page: Int = 1) {
            self.classID = classID
            self.from = from
            self.to = to
            self.kind = kind
            self.onlyUnjustified = onlyUnjustified
            self.page = max(1, page)
        }

        /// The predicate on the absences' alias `v`.
        func predicate(yearID: Int) -> SQLQueryString {
            var conditions: [SQLQueryString] = []
            if let classID {
                conditions.append("""
                    v.student_id IN (SELECT m.account_id FROM class_memberships m JOIN classes c ON c.id = m.class_id \
                    WHERE c.id = \(bind: classID) AND c.school_year_id = \(bind: yearID))
                    """)
            }
            if let from { conditions.append("v.starts_at >= \(bind: from.iso)") }
            if let to { conditions.append("v.starts_at < \(bind: to.adding(days: 1).iso)") }
            if let kind { conditions.append("v.kind = \(bind: kind.rawValue)") }
            if onlyUnjustified { conditions.append("v.is_justified = \(bind: false)") }
            return conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        }
    }

    public struct OfficeListing: Sendable {
        public let year: Viewer.Year
        public let absences: [Absence]
        public let total: Int
        public let page: Int
        public let pageCount: Int
        public let reasons: [RollCallStore.Reason]
    }

    public static let officePerPage = 50

    func checkOffice(_ establishmentID: Int) throws(ServiceError) {
        guard viewer.handlesSchoolLife(of: establishmentID) else {
            throw .forbidden("Le suivi des absences est réservé à la vie scolaire et à la direction de l'établissement.")
        }
    }

    public func officeAbsences(in establishmentID: Int, filter: OfficeFilter) async throws -> OfficeListing {
        try checkOffice(establishmentID)
        guard let year = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.absences, in: .establishment(id: establishmentID, yearID: year.id))
        let whereClause = filter.predicate(yearID: year.id)
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM (\(visible.query)) v \(whereClause)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let pageCount = max(1, (total + Self.officePerPage - 1) / Self.officePerPage)
        let page = min(filter.page, pageCount)
        return OfficeListing(
            year: year,
            absences: try await absenceLines(visible, where: whereClause, limit: Self.officePerPage,
                                             offset: (page - 1) * Self.officePerPage, yearID: year.id),
            total: total, page: page, pageCount: pageCount, reasons: try await reasons(in: establishmentID))
    }

    /// The year's classes, for the filters of the personnel's pages.
    public func classes(in establishmentID: Int) async throws -> [(id: Int, code: String)] {
        guard viewer.isPersonnel(of: establishmentID) else { return [] }
        guard let year = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        struct Row: Decodable { let id: Int; let code: String }
        return try await db.sql.raw("""
            SELECT id, code FROM classes WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: year.id) ORDER BY code, id
            """).all(decoding: Row.self).map { ($0.id, $0.code) }
    }

    public func reasons(in establishmentID: Int) async throws -> [RollCallStore.Reason] {
        try await db.sql.raw("""
            SELECT id, label, is_justified FROM absence_reasons WHERE establishment_id = \(bind: establishmentID) ORDER BY label, id
            """).all(decoding: RollCallStore.Reason.self)
    }

    /// Gives an absence of the open year its reason (nil: none) and says whether it is justified.
    public func justify(absence id: Int, reasonID: Int?, isJustified: Bool, in establishmentID: Int) async throws {
        try checkOffice(establishmentID)
        let store = ServiceStore(viewer: viewer, db: db)
        let record = try await store.read(Self.absences, id: id, in: .establishment(id: establishmentID, yearID: nil))
        try await store.checkYearOpen(record, in: establishmentID)
        if let reasonID {
            try await store.checkReference("absence_reasons", id: reasonID, field: "reason_id", establishmentID: establishmentID)
        }
        try await db.sql.update("absences").set("reason_id", to: SQLBind(reasonID)).set("is_justified", to: isJustified)
            .where("id", .equal, id).run()
    }
}
