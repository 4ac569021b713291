import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor
@testable import BasculeApp

extension TimetableReaders {
    /// A teacher of establishment A who teaches none of the timetable's courses.
    func otherTeacher(_ app: Application) async throws -> Account {
        let profile = try await Profile.query(on: app.db).filter(\.$establishment.$id == scenario.academy.establishmentA.requireID())
            .filter(\.$kind == .teacher).filter(\.$account.$id != scenario.teacher.requireID()).with(\.$account).first()!
        return try await TestAcademy.withPassword(profile.account, app)
    }

    /// The occurrences of the teacher's courses the file states in the week of `monday`.
    func expectedOccurrences(monday: CalendarDate) -> Int {
        let week = (monday.dayNumber - TimetableScenario.calendar.firstWeekMonday.dayNumber) / 7 + 1
        return export.courses.filter { $0.teacherKeys == ["P1"] && $0.weeks.contains(week) }.count
    }

    static func sessionCount(_ app: Application) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM logbook_sessions").first(decodingColumn: "n", as: Int.self) ?? 0
    }
}

@Suite("Logbook API: a teacher's week of timetable occurrences, each to fill once")
struct LogbookAPITests {
    @Test("The week lists exactly the teacher's occurrences; filling one writes the timetable's class, subject, date and slot; a second fill returns it")
    func weekAndFill() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let scenario = readers.scenario
            let teacher = try await app.logIn(scenario.teacher)
            let expected = readers.expectedOccurrences(monday: try CalendarDate(iso: "2026-06-15"))
            // act
            let before = try await app.call(.GET, "api/v1/me/logbook/sessions?week=2026-06-17", as: teacher)
            let monday = try before.decode(LogbookAPI.WeekDTO.self).occurrences.first { $0.date == "2026-06-15" }
            let fill: ServiceRecord = ["course_id": .int(monday?.courseID ?? 0), "date": .text("2026-06-15"),
                                       "content": .text("Fractions : exercices 1 à 4.")]
            let first = try await app.call(.POST, "api/v1/me/logbook/sessions", as: teacher, json: fill)
            var again = fill
            again["content"] = .text("Autre chose")
            let second = try await app.call(.POST, "api/v1/me/logbook/sessions", as: teacher, json: again)
            let wednesday = try before.decode(LogbookAPI.WeekDTO.self).occurrences.first { $0.date == "2026-06-17" }
            let group = try await app.call(.POST, "api/v1/me/logbook/sessions", as: teacher, json: [
                "course_id": .int(wednesday?.courseID ?? 0), "date": .text("2026-06-17"), "content": .text("Version latine")])
            let after = try await app.call(.GET, "api/v1/me/logbook/sessions?week=2026-06-15", as: teacher)
            // check
            #expect(before.status == .ok)
            let week = try before.decode(LogbookAPI.WeekDTO.self)
            #expect(week.week == "2026-06-15")
            #expect(expected == 2)
            #expect(week.occurrences.count == expected)
            #expect(week.occurrences.allSatisfy { $0.session == nil })
            #expect(monday?.slot == "08:00-09:00")
            #expect(first.status == .created)
            #expect(first.record["class_id"] == .int(try scenario.schoolClass.requireID()))
            #expect(first.record["group_id"] == .null)
            #expect(first.record["subject_id"] == .int(try scenario.subject.requireID()))
            #expect(first.record["teacher_id"] == .int(try scenario.teacher.requireID()))
            #expect(first.record["held_on"] == .text("2026-06-15"))
            #expect(first.record["slot"] == .text("08:00-09:00"))
            #expect(first.record["content"] == .text("Fractions : exercices 1 à 4."))
            #expect(second.status == .ok)
            #expect(second.id == first.id)
            #expect(second.record["content"] == .text("Fractions : exercices 1 à 4."))
            #expect(group.status == .created)
            #expect(group.record["class_id"] == .null)
            #expect(group.record["group_id"]?.int != nil)
            #expect(group.record["slot"] == .text("10:00-11:00"))
            #expect(try await TimetableReaders.sessionCount(app) == 2)
            let listed = try after.decode(LogbookAPI.WeekDTO.self).occurrences
            #expect(listed.first { $0.date == "2026-06-15" }?.session?["id"] == .int(first.id))
            #expect(listed.first { $0.date == "2026-06-17" }?.session?["id"] == .int(group.id))
        }
    }

    @Test("A holiday week, a day without the course, another teacher and a student are refused, the logbook unchanged")
    func refusals() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let teacher = try await app.logIn(readers.scenario.teacher)
            let colleague = try await app.logIn(try await readers.otherTeacher(app))
            let student = try await app.logIn(readers.student)
            let week = try await app.call(.GET, "api/v1/me/logbook/sessions?week=2026-06-15", as: teacher)
            let courseID = try week.decode(LogbookAPI.WeekDTO.self).occurrences.first { $0.date == "2026-06-15" }!.courseID
            func fill(_ date: String, as headers: HTTPHeaders) async throws -> TestResponse {
                try await app.call(.POST, "api/v1/me/logbook/sessions", as: headers,
                                   json: ["course_id": .int(courseID), "date": .text(date), "content": .text("Cours")])
            }
            // act
            let holiday = try await fill("2025-10-20", as: teacher)
            let tuesday = try await fill("2026-06-16", as: teacher)
            let summer = try await fill("2026-08-03", as: teacher)
            let other = try await fill("2026-06-15", as: colleague)
            let studentFill = try await fill("2026-06-15", as: student)
            let studentWeek = try await app.call(.GET, "api/v1/me/logbook/sessions", as: student)
            let unknown = try await app.call(.POST, "api/v1/me/logbook/sessions", as: teacher,
                                             json: ["course_id": .int(999_999), "date": .text("2026-06-15"), "content": .text("x")])
            // check
            #expect(holiday.status == .badRequest)
            #expect(holiday.body.string.contains("n'a pas lieu ce jour-là"))
            #expect(tuesday.status == .badRequest)
            #expect(summer.status == .badRequest)
            #expect(other.status == .forbidden)
            #expect(other.body.string.contains("enseignants de ce cours"))
            #expect(studentFill.status == .forbidden)
            #expect(studentWeek.status == .forbidden)
            #expect(studentWeek.body.string.contains("réservé aux enseignants"))
            #expect(unknown.status == .notFound)
            #expect(try await TimetableReaders.sessionCount(app) == 0)
        }
    }
}
