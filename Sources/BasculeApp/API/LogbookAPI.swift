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
    }

    struct WeekDTO: Content {
        let week: String
        let occurrences: [OccurrenceDTO]
    }

    /// The week in every establishment the viewer teaches in.
    func week(req: Request) async throws -> WeekDTO {
        let store = LogbookStore(viewer: try req.viewer(), db: req.db)
        let day = try TimetableWebRoutes.week(req.query[String.self, at: "week"], today: req.clock.today)
        var monday = day
        var occurrences: [OccurrenceDTO] = []
        for establishment in try store.establishments() {
            let week = try await store.week(in: establishment.id, containing: day)
            monday = week.timetable.monday
            occurrences += week.entries.map { entry in
                let occurrence = entry.occurrence
                return OccurrenceDTO(courseID: occurrence.courseID, uai: establishment.uai, date: occurrence.date.iso,
                                     start: occurrence.startsAt.description, end: occurrence.endsAt.description,
                                     slot: occurrence.logbookSlot, subject: occurrence.subject ?? occurrence.subjectCode,
                                     audience: occurrence.audiences, rooms: occurrence.rooms, session: entry.session)
            }
        }
        return WeekDTO(week: monday.iso, occurrences: occurrences)
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
