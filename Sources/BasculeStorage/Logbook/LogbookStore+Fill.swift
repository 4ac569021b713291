import BasculeDomain
import FluentKit
import SQLKit

extension LogbookStore {
    /// The session of an occurrence, and whether this call wrote it.
    public struct Filled: Sendable {
        public let session: ServiceRecord
        public let isNew: Bool
    }

    /// Fills the session of the occurrence of `courseID` on `date`: its establishment, year,
    /// audience, subject, date and slot come from the timetable, its content from the teacher.
    /// A session already filled for the occurrence (by a co-teacher too) is returned unchanged.
    public func fill(courseID: Int, on date: CalendarDate, content: String) async throws -> Filled {
        try TimetableCalendar.checkBrowsable(date, field: "date")
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid(field: "content", reason: "écrivez le contenu de la séance")
        }
        guard let course = try await courses([courseID])[courseID], viewer.canSee(establishmentID: course.establishmentID) else {
            throw ServiceError.notFound(table: "timetable_courses", id: courseID)
        }
        try viewer.checkTeaches(establishmentID: course.establishmentID)
        guard try await teaches(courseID) else {
            throw ServiceError.forbidden("Vous n'êtes pas l'un des enseignants de ce cours\u{A0}: son cahier de textes ne vous revient pas.")
        }
        let week = try await week(in: course.establishmentID, containing: date)
        guard let entry = week.entries.first(where: { $0.occurrence.courseID == courseID && $0.occurrence.date == date }) else {
            throw ServiceError.invalid(field: "date", reason: "ce cours n'a pas lieu ce jour-là (semaine sans ce cours, "
                                       + "annulée ou hors de l'année de l'emploi du temps)")
        }
        if let session = entry.session { return Filled(session: session, isNew: false) }
        let rows = course.sessionFields(of: entry.occurrence, content: content)
        guard !rows.isEmpty else {
            throw ServiceError.invalid(field: "course_id", reason: "ce cours n'a ni classe ni groupe à qui écrire")
        }
        let created = try await db.transaction { tx in
            let store = ServiceStore(viewer: viewer, db: tx)
            var created: [ServiceRecord] = []
            for fields in rows {
                created.append(try await store.create(Self.table, in: .establishment(id: course.establishmentID, yearID: nil),
                                                      fields: fields))
            }
            return created
        }
        return Filled(session: created[0], isNew: true)
    }

    private func teaches(_ courseID: Int) async throws -> Bool {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM timetable_course_teachers
            WHERE course_id = \(bind: courseID) AND teacher_id = \(bind: viewer.accountID)
            """).first(decodingColumn: "n", as: Int.self) ?? 0 > 0
    }
}
