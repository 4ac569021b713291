import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/me/logbook/sessions`: a teacher's week of courses, each occurrence with its logbook
/// session or null (`?week=YYYY-MM-DD`), and the filling of an occurrence's session
/// (`{"course_id", "date", "content"}`: 201 when written, 200 when it already was).
struct LogbookAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped("api", "v1", "me", "logbook", "sessions")
        sessions.get(use: week)
        sessions.post(use: fill)
    }

    struct OccurrenceDTO: Content {
        let courseID: Int
        let uai: String
        let date: String
        let start: String
        let end: String
        let slot: String
        let subject: String?
        let audience: [String]
        let rooms: [String]
        let session: ServiceRecord?

        enum CodingKeys: String, CodingKey {
            case courseID = "course_id", uai, date, start, end, slot, subject, audience, rooms, session
        }

        init(_ entry: LogbookWeek.Entry, uai: String) {
            let occurrence = entry.occurrence
            courseID = occurrence.courseID
            self.uai = uai
            date = occurrence.date.iso
            start = occurrence.startsAt.description
            end = occurrence.endsAt.description
            slot = occurrence.logbookSlot
            subject = occurrence.subject ?? occurrence.subjectCode
            audience = occurrence.audiences
            rooms = occurrence.rooms
            session = entry.session
        }
    }

    struct WeekDTO: Content {
        let week: String
        let occurrences: [OccurrenceDTO]
    }

    /// The week in every establishment the viewer teaches in.
    func week(req: Request) async throws -> WeekDTO {
        let store = LogbookStore(viewer: try req.viewer(), db: req.db)
        let day = try TimetableWebRoutes.week(req.query[String.self, at: "week"], today: req.clock.today)
        var weeks: [(uai: String, week: LogbookWeek)] = []
        for establishment in try store.establishments() {
            weeks.append((establishment.uai, try await store.week(in: establishment.id, containing: day)))
        }
        return WeekDTO(week: weeks[0].week.timetable.monday.iso,
                       occurrences: weeks.flatMap { uai, week in week.entries.map { OccurrenceDTO($0, uai: uai) } })
    }

    struct FillDTO: Content {
        let courseID: Int
        let date: String
        let content: String

        enum CodingKeys: String, CodingKey { case courseID = "course_id", date, content }
    }

    func fill(req: Request) async throws -> Response {
        let store = LogbookStore(viewer: try req.viewer(), db: req.db)
        // Someone who teaches nowhere is refused before the body is read.
        _ = try store.establishments()
        let body = try req.content.decode(FillDTO.self)
        guard let date = try? CalendarDate(iso: body.date) else {
            throw ServiceError.invalid(field: "date", reason: "date AAAA-MM-JJ attendue")
        }
        let filled = try await store.fill(courseID: body.courseID, on: date, content: body.content)
        let response = Response(status: filled.isNew ? .created : .ok)
        try response.content.encode(filled.session)
        return response
    }
}
