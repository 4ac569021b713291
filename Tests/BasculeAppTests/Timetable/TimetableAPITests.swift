import BasculeDomain
import BasculeStorage
import Testing
import Vapor
@testable import BasculeApp

@Suite("Timetable API: a week in JSON, through the page's access rules")
struct TimetableAPITests {
    @Test("GET /api/v1/me/timetable and /establishments/{UAI}/timetable return the week's occurrences and holidays; refusals are 403 and 404")
    func weeks() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let uai = readers.scenario.uai
            let student = try await app.logIn(readers.student)
            let other = try await app.logIn(readers.otherStudent)
            let admin = try await app.logIn(readers.scenario.academy.adminA)
            // act
            let mine = try await app.call(.GET, "api/v1/me/timetable?week=2026-06-17", as: student)
            let holidays = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?week=2025-10-20&\(readers.classTarget.replacingOccurrences(of: ":", with: "="))", as: admin)
            let room = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?week=2026-06-15&room=\(readers.roomID)", as: admin)
            let peek = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?student=\(readers.student.id!)", as: other)
            let studentRoom = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?room=\(readers.roomID)", as: student)
            let missing = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?class=999999", as: admin)
            let twoTargets = try await app.call(.GET, "api/v1/establishments/\(uai)/timetable?class=1&room=1", as: admin)
            let anonymous = try await app.call(.GET, "api/v1/me/timetable", as: HTTPHeaders())
            // check
            #expect(mine.status == .ok)
            let weeks = try mine.decode([TimetableAPI.WeekDTO].self)
            #expect(weeks.count == 1)
            #expect(weeks.first?.week == "2026-06-15")
            let occurrences = weeks.first?.occurrences ?? []
            #expect(occurrences.map(\.date) == ["2026-06-15", "2026-06-17"])
            #expect(occurrences.first?.start == "08:00")
            #expect(occurrences.first?.end == "09:00")
            #expect(occurrences.first?.rooms == ["101"])
            #expect(occurrences.first?.subject == readers.scenario.subject.label)
            #expect(occurrences.first?.audience == [readers.scenario.schoolClass.code])
            #expect(occurrences.first?.teachers.first?.contains(readers.scenario.teacher.lastName) == true)
            let holidayWeek = try holidays.decode(TimetableAPI.WeekDTO.self)
            #expect(holidayWeek.occurrences.isEmpty)
            #expect(holidayWeek.holidays.map(\.label) == ["Vacances de la Toussaint"])
            #expect(holidayWeek.withoutCourses)
            #expect(try room.decode(TimetableAPI.WeekDTO.self).occurrences.count == 1)
            #expect(peek.status == .forbidden)
            #expect(studentRoom.status == .forbidden)
            #expect(missing.status == .notFound)
            #expect(twoTargets.status == .badRequest)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
