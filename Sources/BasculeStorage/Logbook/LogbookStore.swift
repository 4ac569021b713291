import BasculeDomain
import FluentKit
import SQLKit

/// A teacher's logbook as the timetable lays it out: the week's occurrences of their courses
/// and the sessions filled for them. Sessions are rows of the service table `logbook_sessions`,
/// read and written through `ServiceStore`, so its access rules are the only ones.
public struct LogbookStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    var sql: any SQLDatabase { db.sql }

    static let table = ServiceSchema.byName["logbook_sessions"]!

    /// The establishments where the viewer teaches; refused to anyone who teaches nowhere.
    public func establishments() throws -> [(id: Int, uai: String, name: String)] {
        let taught = viewer.establishments.filter { viewer.kinds(in: $0.id).contains(.teacher) }
        guard !taught.isEmpty else { throw ServiceError.forbidden(Viewer.teachersOnly) }
        return taught
    }

    /// The week containing `date` of the viewer's courses in an establishment, each occurrence
    /// with its session: three queries, whatever the number of occurrences.
    public func week(in establishmentID: Int, containing date: CalendarDate) async throws -> LogbookWeek {
        try viewer.checkTeaches(establishmentID: establishmentID)
        let timetable = try await TimetableStore(viewer: viewer, db: db)
            .week(of: .teacher(viewer.accountID), in: establishmentID, containing: date)
        let courses = try await courses(Array(Set(timetable.occurrences.map(\.courseID))))
        let sessions = try await sessions(in: establishmentID, from: timetable.monday, courses: Array(courses.values))
        let entries = timetable.occurrences.map { occurrence in
            LogbookWeek.Entry(occurrence: occurrence, session: courses[occurrence.courseID].flatMap { course in
                sessions.first { course.isSession($0, of: occurrence) }
            })
        }
        return LogbookWeek(establishmentID: establishmentID, timetable: timetable, entries: entries)
    }

    /// The courses' establishments, subjects and audiences, by course id.
    func courses(_ ids: [Int]) async throws -> [Int: LogbookCourse] {
        struct Row: Decodable {
            let id: Int; let establishment_id: Int; let school_year_id: Int; let subject_id: Int?
            let class_id: Int?; let group_id: Int?
        }
        var courses: [Int: LogbookCourse] = [:]
        for chunk in ids.chunked(500) {
            for row in try await sql.raw("""
                SELECT c.id, c.establishment_id, c.school_year_id, c.subject_id, a.class_id, a.group_id
                FROM timetable_courses c LEFT JOIN timetable_course_audiences a ON a.course_id = c.id
                WHERE c.id IN (\(binds: chunk)) ORDER BY a.class_id, a.group_id
                """).all(decoding: Row.self) {
                var course = courses[row.id] ?? LogbookCourse(establishmentID: row.establishment_id, yearID: row.school_year_id,
                                                              subjectID: row.subject_id)
                if let id = row.class_id { course.classIDs.append(id) }
                if let id = row.group_id { course.groupIDs.append(id) }
                courses[row.id] = course
            }
        }
        return courses
    }

    /// The logbook rows of the week written for these courses' classes and groups, oldest first,
    /// as the service table's read rule lets the viewer see them.
    private func sessions(in establishmentID: Int, from monday: CalendarDate, courses: [LogbookCourse]) async throws -> [ServiceRecord] {
        let classIDs = Array(Set(courses.flatMap(\.classIDs))), groupIDs = Array(Set(courses.flatMap(\.groupIDs)))
        var audiences: [SQLQueryString] = []
        if !classIDs.isEmpty { audiences.append("t.class_id IN (\(binds: classIDs))") }
        if !groupIDs.isEmpty { audiences.append("t.group_id IN (\(binds: groupIDs))") }
        guard !audiences.isEmpty else { return [] }
        let select = try await ServiceStore(viewer: viewer, db: db)
            .visibleRows(Self.table, in: .establishment(id: establishmentID, yearID: nil))
        let days: SQLQueryString = "t.held_on >= \(bind: monday.iso) AND t.held_on <= \(bind: monday.adding(days: 6).iso)"
        select.where(days).where("(" + audiences.joined(separator: " OR ") + ")")
        return try await select.orderBy(SQLColumn("id", table: "t")).all().map(Self.table.record(from:))
    }
}
