import BasculeDomain
import FluentKit
import SQLKit

/// The class logbook as its readers browse it: a year's sessions with their homework, paged and
/// filtered by class or group, subject and month. What a viewer sees is what the service
/// tables' read rule lets them see (`ServiceStore.visibleRows`): a student their classes', a
/// parent their children's, the personnel every class of the establishment.
extension LogbookStore {
    public struct Filter: Sendable, Equatable {
        /// The year read: the establishment's own when nil.
        public var yearID: Int?
        public var audience: LogbookAudience?
        public var subjectID: Int?
        /// "YYYY-MM".
        public var month: String?
        public var page: Int

        public init(yearID: Int? = nil, audience: LogbookAudience? = nil, subjectID: Int? = nil, month: String? = nil, page: Int = 1) {
            self.yearID = yearID
            self.audience = audience
            self.subjectID = subjectID
            self.month = month
            self.page = max(1, page)
        }
    }

    public struct Listing: Sendable {
        public let year: Viewer.Year
        /// Whether the year is the establishment's own, the one still written to.
        public let isOpen: Bool
        public let sessions: [LogbookSession]
        /// The homework given in each listed session, by session id.
        public let homework: [Int: [LogbookHomework]]
        public let total: Int
        public let page: Int
        public let pageCount: Int
        /// What the filters offer: the classes and groups, subjects and months of the year's
        /// visible sessions.
        public let audiences: [LogbookAudience.Named]
        public let subjects: [LogbookSubject]
        public let months: [String]
    }

    public static let perPage = 30

    public func listing(in establishmentID: Int, filter: Filter) async throws -> Listing {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Le cahier de textes est réservé aux membres de l'établissement.")
        }
        guard let own = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let year = try await SchoolYear.named(id: filter.yearID, otherwise: own, on: db)
        let visible = try await ServiceStore(viewer: viewer, db: db)
            .visibleRows(Self.table, in: .establishment(id: establishmentID, yearID: year.id))
        var conditions: [SQLQueryString] = []
        switch filter.audience {
        case .schoolClass(let id): conditions.append("v.class_id = \(bind: id)")
        case .group(let id): conditions.append("v.group_id = \(bind: id)")
        case nil: break
        }
        if let subject = filter.subjectID { conditions.append("v.subject_id = \(bind: subject)") }
        if let month = filter.month { conditions.append("v.held_on LIKE \(bind: month + "-%")") }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM (\(visible.query)) v \(whereClause)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let pageCount = max(1, (total + Self.perPage - 1) / Self.perPage)
        let page = max(1, min(filter.page, pageCount))
        let sessions = try await sessionLines(from: visible, where: whereClause, order: "v.held_on DESC, v.slot DESC, v.id DESC",
                                              limit: Self.perPage, offset: (page - 1) * Self.perPage)
        return Listing(year: year, isOpen: year.id == own.id, sessions: sessions,
                       homework: try await homework(ofSessions: sessions.map { $0.id }, in: establishmentID, yearID: year.id),
                       total: total, page: page, pageCount: pageCount,
                       audiences: try await audiences(in: visible), subjects: try await subjects(in: visible),
                       months: try await sql.raw("SELECT DISTINCT SUBSTR(v.held_on, 1, 7) AS m FROM (\(visible.query)) v ORDER BY m")
                           .all(decodingColumn: "m", as: String.self))
    }

    /// One session the viewer may read, with its homework.
    public func session(id: Int, in establishmentID: Int) async throws -> (session: LogbookSession, homework: [LogbookHomework]) {
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.table, in: .establishment(id: establishmentID, yearID: nil))
        guard let session = try await sessionLines(from: visible, where: "WHERE v.id = \(bind: id)", order: "v.id", limit: 1, offset: 0).first else {
            throw ServiceError.notFound(table: Self.table.name, id: id)
        }
        return (session, try await homework(ofSessions: [id], in: establishmentID, yearID: nil)[id] ?? [])
    }

    /// The sessions of a visible select, with the names of their class or group, subject and teacher.
    private func sessionLines(from visible: SQLSelectBuilder, where whereClause: SQLQueryString, order: SQLQueryString,
                              limit: Int, offset: Int) async throws -> [LogbookSession] {
        try await sql.raw("""
            SELECT v.id, v.school_year_id, v.held_on, v.slot, v.content, v.class_id, v.group_id, v.subject_id, v.teacher_id,
            c.code AS class_code, g.name AS group_name, j.label AS subject,
            a.first_name AS teacher_first_name, a.last_name AS teacher_last_name
            FROM (\(visible.query)) v LEFT JOIN classes c ON c.id = v.class_id LEFT JOIN groups g ON g.id = v.group_id
            LEFT JOIN subjects j ON j.id = v.subject_id LEFT JOIN accounts a ON a.id = v.teacher_id
            \(whereClause) ORDER BY \(order) LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: LogbookSession.self)
    }

    private func audiences(in visible: SQLSelectBuilder) async throws -> [LogbookAudience.Named] {
        struct Row: Decodable { let class_id: Int?; let group_id: Int?; let class_code: String?; let group_name: String? }
        return try await sql.raw("""
            SELECT d.class_id, d.group_id, c.code AS class_code, g.name AS group_name
            FROM (SELECT DISTINCT v.class_id, v.group_id FROM (\(visible.query)) v) d
            LEFT JOIN classes c ON c.id = d.class_id LEFT JOIN groups g ON g.id = d.group_id
            """).all(decoding: Row.self).compactMap { row in
            if let id = row.class_id { return LogbookAudience.Named(audience: .schoolClass(id), name: row.class_code ?? "") }
            if let id = row.group_id { return LogbookAudience.Named(audience: .group(id), name: row.group_name ?? "") }
            return nil
        }.sorted { ($0.audience.isClass ? 0 : 1, $0.name) < ($1.audience.isClass ? 0 : 1, $1.name) }
    }

    private func subjects(in visible: SQLSelectBuilder) async throws -> [LogbookSubject] {
        try await sql.raw("""
            SELECT j.id, j.label FROM subjects j WHERE j.id IN (SELECT v.subject_id FROM (\(visible.query)) v) ORDER BY j.label, j.id
            """).all(decoding: LogbookSubject.self)
    }

    /// The homework of these sessions the viewer may read, by session.
    func homework(ofSessions ids: [Int], in establishmentID: Int, yearID: Int?) async throws -> [Int: [LogbookHomework]] {
        guard !ids.isEmpty else { return [:] }
        let visible = try await ServiceStore(viewer: viewer, db: db)
            .visibleRows(Self.homeworkTable, in: .establishment(id: establishmentID, yearID: yearID))
        visible.where("t.session_id IN (\(binds: ids))" as SQLQueryString)
        return Dictionary(grouping: try await homeworkLines(from: visible, where: "", limit: max(200, 20 * ids.count)), by: { $0.session_id ?? 0 })
    }

    func homeworkLines(from visible: SQLSelectBuilder, where whereClause: SQLQueryString, limit: Int) async throws -> [LogbookHomework] {
        try await sql.raw("""
            SELECT v.id, v.session_id, v.given_on, v.due_on, v.content, v.teacher_id, c.code AS class_code,
            g.name AS group_name, j.label AS subject
            FROM (\(visible.query)) v LEFT JOIN classes c ON c.id = v.class_id LEFT JOIN groups g ON g.id = v.group_id
            LEFT JOIN subjects j ON j.id = v.subject_id \(whereClause) ORDER BY v.due_on, v.given_on, v.id LIMIT \(literal: limit)
            """).all(decoding: LogbookHomework.self)
    }
}
