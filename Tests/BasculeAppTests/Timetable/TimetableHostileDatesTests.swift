import BasculeDomain
import BasculeStorage
import Testing
import Vapor
@testable import BasculeApp

/// Dates at the calendar's edges, from any signed-in person: a clear 400, never a crash of the
/// server (a week of 9999-12-31 used to step into year 10000, a date before 1970 to index a
/// weekday at -3).
@Suite("Timetable and logbook: dates at the calendar's edges")
struct TimetableHostileDatesTests {
    @Test("Weeks of 9999 or of 1950, on the pages and the API, and a logbook entry dated 9999-12-31 are refused with 400")
    func edges() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let student = try await app.logIn(readers.student)
            let teacher = try await app.logIn(readers.scenario.teacher)
            let week = try await app.call(.GET, "api/v1/me/logbook/sessions?week=2026-06-15", as: teacher)
            let course = try #require(try week.decode(LogbookAPI.WeekDTO.self).occurrences.first).courseID
            // act
            var statuses: [String: HTTPStatus] = [:]
            for (path, headers) in [("api/v1/me/timetable?week=9999-12-31", student), ("api/v1/me/timetable?week=1900-01-01", student),
                                    ("emploi-du-temps?semaine=9999-12-31", student), ("emploi-du-temps?semaine=1950-06-15", student),
                                    ("cahier-de-textes?semaine=1950-06-15", teacher),
                                    ("api/v1/me/logbook/sessions?week=9999-12-30", teacher)] {
                statuses[path] = try await app.call(.GET, path, as: headers).status
            }
            let fill = try await app.call(.POST, "api/v1/me/logbook/sessions", as: teacher, json: [
                "course_id": .int(course), "date": .text("9999-12-31"), "content": .text("x")])
            let stillUp = try await app.call(.GET, "api/v1/me/timetable?week=2026-06-15", as: student)
            // check
            for (path, status) in statuses { #expect(status == .badRequest, "\(path)") }
            #expect(fill.status == .badRequest)
            #expect(fill.body.string.contains("hors des années"))
            #expect(stillUp.status == .ok)
        }
    }
}
