import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor

@Suite("Timetable import: matching, writing, re-importing, the past kept")
struct TimetableImportTests {
    @Test("A timetable matches its people, class, subject and room, and every student of the class sees its weeks")
    func importsAndShows() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            // act
            let report = try await scenario.run(scenario.export(), on: app)
            // check
            #expect(report[.teachers].matched == 1)
            #expect(report[.students].matched == scenario.students.count)
            #expect(report[.classes].matched == 1)
            #expect(report[.subjects].matched == 1)
            #expect(report[.rooms].created == 1)
            #expect(report[.courses].created == 1)
            #expect(report[.occurrences].created == 44)
            // Mode 1: the file's group is not one of the AAF's, and says so.
            #expect(report.unmatched.map(\.kind) == [.group])
            let viewer = try await ViewerStore(db: app.db).viewer(for: scenario.students[0])
            let week = try await TimetableStore(viewer: viewer, db: app.db)
                .week(of: .student(scenario.students[0].requireID()), in: scenario.academy.establishmentA.requireID(),
                      containing: try CalendarDate(iso: "2025-09-10"))
            #expect(week.occurrences.map(\.date) == [try CalendarDate(iso: "2025-09-08")])
            #expect(week.occurrences.first?.rooms == ["101"])
            #expect(week.occurrences.first?.teachers == ["\(scenario.teacher.firstName) \(scenario.teacher.lastName)"])
        }
    }

    @Test("The reader's notes reach the report, and a file without memberships (STS-Web) says so")
    func readerNotes() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            var export = scenario.export()
            export.students = []
            export.hasStudentMemberships = false
            export.notes = ["Version UDT v26 déduite des fichiers."]
            // act
            let report = try await scenario.run(export, on: app, dryRun: true)
            // check
            #expect(report.notes.first == "Version UDT v26 déduite des fichiers.")
            #expect(report.notes.contains { $0.hasPrefix("Ce fichier ne contient aucun élève\u{00A0}: les groupes sont créés sans membres") })
        }
    }

    @Test("Re-importing the same file changes nothing: every count unchanged, the checksum equal")
    func reimportIsIdempotent() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            _ = try await scenario.run(scenario.export(groupCourse: true), on: app, mode: .software)
            let before = try await DatabaseChecksum.compute(on: app.db).overall
            // act
            let report = try await scenario.run(scenario.export(groupCourse: true), on: app, mode: .software)
            // check
            #expect(try await DatabaseChecksum.compute(on: app.db).overall == before)
            #expect(!report.changesSomething)
            #expect(report[.courses].unchanged == 2)
        }
    }

    @Test("A dry run reports what applying would do and writes nothing")
    func dryRunWritesNothing() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let before = try await DatabaseChecksum.compute(on: app.db).overall
            // act
            let report = try await scenario.run(scenario.export(), on: app, dryRun: true)
            // check
            #expect(report.isDryRun)
            #expect(report[.courses].created == 1)
            #expect(try await DatabaseChecksum.compute(on: app.db).overall == before)
        }
    }

    @Test("A new file mid-year replaces the future weeks and leaves the weeks already past as they were")
    func reimportKeepsThePast() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            _ = try await scenario.run(scenario.export(), on: app)
            let establishmentID = try scenario.academy.establishmentA.requireID()
            let store = TimetableStore(viewer: scenario.operatorViewer, db: app.db)
            // act: on Wednesday of week 10 (2025-11-05) the course moves to 09:00
            let report = try await scenario.run(scenario.export(startsAt: "09:00", endsAt: "10:00"), on: app, now: "2025-11-05")
            // check
            #expect(report[.courses].created == 1)
            #expect(report[.courses].removed == 1)
            #expect(report[.occurrences].removed == 34)
            #expect(report[.occurrences].created == 34)
            let past = try await store.week(of: .schoolClass(scenario.schoolClass.requireID()), in: establishmentID,
                                            containing: try CalendarDate(iso: "2025-11-03"))
            #expect(past.occurrences.map(\.startsAt.description) == ["08:00"])
            let future = try await store.week(of: .schoolClass(scenario.schoolClass.requireID()), in: establishmentID,
                                              containing: try CalendarDate(iso: "2025-11-10"))
            #expect(future.occurrences.map(\.startsAt.description) == ["09:00"])
        }
    }

    @Test("A teacher the file spells otherwise is listed unmatched, with what was compared, until the administrator maps them")
    func unmatchedThenMapped() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            var export = scenario.export()
            export.teachers[0].lastName = "INCONNU"
            // act
            let report = try await scenario.run(export, on: app)
            // check
            #expect(report[.teachers].unmatched == 1)
            let entry = try #require(report.unmatched.first { $0.kind == .teacher })
            #expect(entry.source.hasPrefix("INCONNU "))
            #expect(entry.compared.contains("nom, prénom et date de naissance"))
            // act: the administrator maps the name, and the next import finds the teacher
            let establishmentID = try scenario.academy.establishmentA.requireID()
            try await TimetableStore(viewer: scenario.operatorViewer, db: app.db).setMapping(
                TimetableMapping(kind: .teacher, source: entry.source, target: String(try scenario.teacher.requireID())),
                in: establishmentID)
            let again = try await scenario.run(export, on: app)
            // check
            #expect(again[.teachers].matched == 1)
            #expect(!again.unmatched.contains { $0.kind == .teacher })
        }
    }

    @Test("A file of another UAI, of another year, or from someone who does not administer the establishment is refused and writes nothing")
    func refusals() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let before = try await DatabaseChecksum.compute(on: app.db).overall
            var otherUAI = scenario.export()
            otherUAI.uai = scenario.academy.establishmentB.uai.description
            var otherYear = scenario.export()
            otherYear.calendar = TimetableCalendar(startsOn: try CalendarDate(iso: "2012-09-04"),
                                                   endsOn: try CalendarDate(iso: "2013-08-31"),
                                                   firstWeekMonday: try CalendarDate(iso: "2012-09-03"))
            let teacher = try await ViewerStore(db: app.db).viewer(for: scenario.teacher)
            // act / check
            await #expect(throws: TimetableImportError.self) { _ = try await scenario.run(otherUAI, on: app) }
            await #expect(throws: TimetableImportError.self) { _ = try await scenario.run(otherYear, on: app) }
            await #expect(throws: TimetableImportError.self) { _ = try await scenario.run(scenario.export(), on: app, as: teacher) }
            #expect(try await DatabaseChecksum.compute(on: app.db).overall == before)
        }
    }
}
