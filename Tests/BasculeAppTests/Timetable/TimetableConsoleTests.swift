import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor

@Suite("Timetable from the console: a UAI and a class's code name the week to show")
struct TimetableConsoleTests {
    @Test("The console reads any establishment's class by its code, in either case; an unknown UAI or code is named")
    func showsAClassWeek() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            _ = try await scenario.run(scenario.export(), on: app)
            let store = TimetableStore(viewer: try await ViewerStore(db: app.db).console(), db: app.db)
            // act
            let place = try await store.lookup(uai: scenario.uai.lowercased(), year: scenario.year)
            let classID = try await store.classID(code: scenario.schoolClass.code.lowercased(), in: place.establishmentID,
                                                  yearID: place.yearID)
            let week = try await store.week(of: .schoolClass(classID), in: place.establishmentID,
                                            containing: try CalendarDate(iso: "2025-09-12"), yearID: place.yearID)
            // check
            #expect(classID == (try scenario.schoolClass.requireID()))
            #expect(week.occurrences.map(\.date.iso) == ["2025-09-08"])
            await #expect(throws: ServiceError.invalid(field: "uai", reason: "aucun établissement n'a l'UAI « 0000000X »")) {
                try await store.lookup(uai: "0000000X")
            }
            await #expect(throws: ServiceError.self) {
                try await store.classID(code: "ZZZ", in: place.establishmentID, yearID: place.yearID)
            }
        }
    }
}
