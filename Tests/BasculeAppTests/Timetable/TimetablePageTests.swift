import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor
@testable import BasculeApp

/// A timetable imported for the scenario's class, and the people who read it.
struct TimetableReaders {
    let scenario: TimetableScenario
    /// The file imported: what the tests count the expected occurrences from.
    let export: TimetableExport
    let student: Account
    let parent: Account
    let otherStudent: Account
    let roomID: Int

    /// Courses on Mondays 08:00 (the class) and Wednesdays 10:00 (its Latin group), every week
    /// but the Toussaint holidays (weeks 8 and 9), which the file states.
    static func make(_ app: Application, mode: TimetableMode = .software, exit: String? = "2026-07-04") async throws -> TimetableReaders {
        let scenario = try await TimetableScenario.make(app)
        var export = scenario.export(exit: exit, groupCourse: true)
        export.calendar.holidays = [TimetableHoliday(startsOn: try CalendarDate(iso: "2025-10-18"), endsOn: try CalendarDate(iso: "2025-11-02"),
                                                     label: "Vacances de la Toussaint")]
        for index in export.courses.indices {
            export.courses[index].weeks = TimetableWeeks(Array(1...7) + Array(10...44))
        }
        _ = try await scenario.run(export, on: app, mode: mode)
        let student = try await TestAcademy.withPassword(scenario.students[0], app)
        let parent = try await ParentLink.query(on: app.db).filter(\.$student.$id == student.requireID()).with(\.$parent).first()!.parent
        let other = try await ClassMembership.query(on: app.db)
            .join(SchoolClass.self, on: \ClassMembership.$schoolClass.$id == \SchoolClass.$id)
            .filter(SchoolClass.self, \.$establishment.$id == scenario.academy.establishmentA.requireID())
            .filter(\.$schoolClass.$id != scenario.schoolClass.requireID()).with(\.$account).first()!.account
        let roomID = try await app.sql.raw("SELECT id FROM timetable_rooms").first(decodingColumn: "id", as: Int.self)!
        return TimetableReaders(scenario: scenario, export: export, student: student,
                                parent: try await TestAcademy.withPassword(parent, app),
                                otherStudent: try await TestAcademy.withPassword(other, app), roomID: roomID)
    }

    var classTarget: String { "class:\(scenario.schoolClass.id!)" }
}

@Suite("Timetable pages: each profile's week, week navigation, holidays")
struct TimetablePageTests {
    @Test("A student sees their own week (time, subject, teacher, audience, room); a student of another class does not")
    func studentWeek() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let scenario = readers.scenario
            let mine = try await app.logIn(readers.student)
            let other = try await app.logIn(readers.otherStudent)
            // act
            let page = try await app.call(.GET, "emploi-du-temps", as: mine)
            let otherPage = try await app.call(.GET, "emploi-du-temps", as: other)
            let peek = try await app.call(.GET, "emploi-du-temps?cible=student:\(readers.student.id!)", as: other)
            // check
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Semaine du lundi 15\u{A0}juin au dimanche 21\u{A0}juin 2026"))
            #expect(html.contains("8\u{A0}h – 9\u{A0}h"))
            #expect(html.contains("10\u{A0}h – 11\u{A0}h"))
            #expect(html.contains(scenario.subject.label))
            #expect(html.contains(scenario.teacher.lastName))
            #expect(html.contains("Salle 101"))
            #expect(html.contains(scenario.schoolClass.code))
            #expect(html.contains("href=\"/emploi-du-temps\""))
            #expect(otherPage.status == .ok)
            #expect(!otherPage.body.string.contains("Salle 101"))
            #expect(peek.status == .forbidden)
        }
    }

    @Test("Previous and next week, today, holidays and weeks outside the year")
    func weekNavigation() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let mine = try await app.logIn(readers.student)
            // act
            let next = try await app.call(.GET, "emploi-du-temps?semaine=2026-06-24", as: mine).body.string
            let holidays = try await app.call(.GET, "emploi-du-temps?semaine=2025-10-22", as: mine).body.string
            let summer = try await app.call(.GET, "emploi-du-temps?semaine=2026-08-05", as: mine).body.string
            let wrong = try await app.call(.GET, "emploi-du-temps?semaine=demain", as: mine)
            // check
            #expect(next.contains("Semaine du lundi 22\u{A0}juin au dimanche 28\u{A0}juin 2026"))
            #expect(next.contains("semaine=2026-06-15\">← Semaine précédente"))
            #expect(next.contains("semaine=2026-06-29\">Semaine suivante"))
            #expect(next.contains("semaine=2026-06-15\">Aujourd'hui"))
            #expect(holidays.contains("Vacances de la Toussaint"))
            #expect(!holidays.contains("Salle 101"))
            #expect(summer.contains("en dehors de l'année"))
            #expect(wrong.status == .badRequest)
        }
    }

    @Test("A parent reads their child's week; a teacher their own and a class's; the administrator a room's; no timetable is said")
    func otherProfiles() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let academy = readers.scenario.academy
            let parent = try await app.logIn(readers.parent)
            let teacher = try await app.logIn(academy.teacherA)
            let admin = try await app.logIn(academy.adminA)
            let student = try await app.logIn(readers.student)
            let otherEstablishment = try await app.logIn(academy.studentB)
            // act
            let parentPage = try await app.call(.GET, "emploi-du-temps", as: parent).body.string
            let teacherPage = try await app.call(.GET, "emploi-du-temps", as: teacher).body.string
            let teacherClass = try await app.call(.GET, "emploi-du-temps?cible=\(readers.classTarget)", as: teacher).body.string
            let room = try await app.call(.GET, "emploi-du-temps?cible=room:\(readers.roomID)", as: admin).body.string
            let studentRoom = try await app.call(.GET, "emploi-du-temps?cible=room:\(readers.roomID)", as: student)
            let none = try await app.call(.GET, "emploi-du-temps", as: otherEstablishment).body.string
            // check
            #expect(parentPage.contains(readers.student.firstName))
            #expect(parentPage.contains("Salle 101"))
            #expect(parentPage.contains("<label for=\"cible\">Emploi du temps de</label>"))
            #expect(teacherPage.contains("Salle 101"))
            #expect(teacherPage.contains("Mon emploi du temps"))
            #expect(teacherClass.contains("Classe \(readers.scenario.schoolClass.code)"))
            #expect(room.contains("Salle 101"))
            #expect(room.contains(readers.scenario.subject.label))
            #expect(studentRoom.status == .forbidden)
            #expect(none.contains("Aucun emploi du temps importé"))
        }
    }
}
