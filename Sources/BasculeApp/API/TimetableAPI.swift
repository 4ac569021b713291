import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/…/timetable?week=YYYY-MM-DD`: a week of the timetable in JSON, through the same
/// store and access rules as the page.
struct TimetableAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", "timetable", use: mine)
        api.get("establishments", ":uai", "timetable", use: establishment)
    }

    struct OccurrenceDTO: Content {
        let date: String
        let start: String
        let end: String
        let subject: String?
        let subjectCode: String?
        let teachers: [String]
        let audience: [String]
        let rooms: [String]
    }

    struct HolidayDTO: Content {
        let start: String
        let end: String
        let label: String
    }

    struct WeekDTO: Content {
        let title: String
        let week: String
        let schoolWeek: Int?
        let hasTimetable: Bool
        let withoutCourses: Bool
        let occurrences: [OccurrenceDTO]
        let holidays: [HolidayDTO]

        init(_ week: TimetableWeek) {
            title = week.title
            self.week = week.monday.iso
            schoolWeek = week.schoolWeek
            hasTimetable = week.hasTimetable
            withoutCourses = week.isWithoutCourses
            occurrences = week.occurrences.map {
                OccurrenceDTO(date: $0.date.iso, start: $0.startsAt.description, end: $0.endsAt.description, subject: $0.subject,
                              subjectCode: $0.subjectCode, teachers: $0.teachers, audience: $0.audiences, rooms: $0.rooms)
            }
            holidays = week.holidays.map { HolidayDTO(start: $0.startsOn.iso, end: $0.endsOn.iso, label: $0.label) }
        }
    }

    /// The viewer's own week (a student's or a teacher's) in each establishment they have one in.
    func mine(req: Request) async throws -> [WeekDTO] {
        let viewer = try req.viewer()
        let day = try TimetableWebRoutes.week(req.query[String.self, at: "week"], today: req.clock.today)
        let store = TimetableStore(viewer: viewer, db: req.db)
        var weeks: [WeekDTO] = []
        for establishment in viewer.establishments {
            guard let own = try await store.choices(in: establishment.id).ownTarget else { continue }
            weeks.append(WeekDTO(try await store.week(of: TimetableTarget(kind: own, id: viewer.accountID), in: establishment.id,
                                                      containing: day)))
        }
        return weeks
    }

    func establishment(req: Request) async throws -> WeekDTO {
        let viewer = try req.viewer()
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        let targets = TimetableTarget.Kind.allCases.compactMap { kind in
            req.query[Int.self, at: kind.rawValue].map { TimetableTarget(kind: kind, id: $0) }
        }
        guard targets.count == 1 else {
            throw Abort(.badRequest, reason: "Un seul paramètre parmi class, group, teacher, student, room est attendu.")
        }
        let day = try TimetableWebRoutes.week(req.query[String.self, at: "week"], today: req.clock.today)
        return WeekDTO(try await TimetableStore(viewer: viewer, db: req.db).week(of: targets[0], in: establishment.requireID(),
                                                                                  containing: day))
    }
}
