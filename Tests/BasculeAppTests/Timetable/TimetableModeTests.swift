import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor

@Suite("Timetable modes: mode 2 dates, the guide's July trap defused, changing the mode")
struct TimetableModeTests {
    @Test("In mode 2 the file's end date ends class membership; the warning counts it and one action keeps students until a date")
    func julyTrap() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let establishmentID = try scenario.academy.establishmentA.requireID()
            let classID = try scenario.schoolClass.requireID()
            // act
            _ = try await scenario.run(scenario.export(exit: "2026-07-03"), on: app, mode: .software)
            // check
            let ends = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == classID)
                .filter(\.$account.$id ~~ scenario.students.map { try $0.requireID() }).all(\.$endsOn)
            #expect(ends == Array(repeating: try CalendarDate(iso: "2026-07-03"), count: scenario.students.count))
            let store = TimetableStore(viewer: scenario.operatorViewer, db: app.db)
            let warning = try await store.endingMemberships(in: establishmentID, before: try CalendarDate(iso: "2026-07-10"))
            #expect(warning.students == scenario.students.count)
            #expect(warning.classes == 1)
            #expect(warning.groups == 1)
            #expect(warning.earliestEnd == (try CalendarDate(iso: "2026-07-03")))
            // act: keep them until the change, then import the same file again
            let kept = try await store.keepMemberships(in: establishmentID, until: try CalendarDate(iso: "2026-07-10"))
            _ = try await scenario.run(scenario.export(exit: "2026-07-03"), on: app)
            // check
            #expect(kept == scenario.students.count)
            #expect(try await store.endingMemberships(in: establishmentID, before: try CalendarDate(iso: "2026-07-10")).isEmpty)
            let courses = try await store.week(of: .schoolClass(classID), in: establishmentID,
                                               containing: try CalendarDate(iso: "2025-09-01"))
            #expect(courses.occurrences.count == 1)
        }
    }

    @Test("In mode 1 the file's dates are not imported: students stay in their classes")
    func modeOneKeepsClasses() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let classID = try scenario.schoolClass.requireID()
            let before = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == classID).all(\.$endsOn)
            // act
            let report = try await scenario.run(scenario.export(exit: "2026-07-03"), on: app, mode: .feed)
            // check
            #expect(try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == classID).all(\.$endsOn) == before)
            #expect(report.notes.contains { $0.contains("ne sont pas importées") })
        }
    }

    @Test("Leaving mode 2 for mode 1 says first what it removes (the timetable's groups, their members), then removes exactly that")
    func modeChange() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let establishmentID = try scenario.academy.establishmentA.requireID()
            _ = try await scenario.run(scenario.export(groupCourse: true), on: app, mode: .software)
            let store = TimetableStore(viewer: scenario.operatorViewer, db: app.db)
            let timetableGroups = Group.query(on: app.db).filter(\.$establishment.$id == establishmentID).filter(\.$kind == .timetable)
            let groupsBefore = try await timetableGroups.count()
            // act
            let impact = try await store.modeChangeImpact(.feed, in: establishmentID)
            try await store.setMode(.feed, in: establishmentID)
            // check
            #expect(impact.groups == groupsBefore)
            #expect(impact.memberships >= scenario.students.count)
            #expect(impact.courseAudiences == 1)
            #expect(try await Group.query(on: app.db).filter(\.$establishment.$id == establishmentID)
                .filter(\.$kind == .timetable).count() == 0)
            #expect(try await store.overview(of: establishmentID).mode == .feed)
            #expect(try await store.modeChangeImpact(.software, in: establishmentID) == TimetableModeImpact(groups: 0, memberships: 0, courseAudiences: 0))
        }
    }
}
