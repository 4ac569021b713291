import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor
@testable import BasculeApp

@Suite("Timetable administration: the mode with confirmation, the July trap, mappings, import reports")
struct TimetableAdminTests {
    @Test("Changing the mode shows what it removes first, and changes only once confirmed")
    func modeChange() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let uai = readers.scenario.uai
            let establishmentID = try readers.scenario.academy.establishmentA.requireID()
            let admin = try await app.logIn(readers.scenario.academy.adminA)
            let impact = try await TimetableStore(viewer: readers.scenario.operatorViewer, db: app.db).modeChangeImpact(.feed, in: establishmentID)
            // act
            let page = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps", as: admin).body.string
            let asked = try await app.submit("etablissements/\(uai)/emploi-du-temps/mode", as: admin, fields: [("mode", "1")])
            let modeBefore = try await TimetableStore(viewer: readers.scenario.operatorViewer, db: app.db).overview(of: establishmentID).mode
            let confirmed = try await app.submit("etablissements/\(uai)/emploi-du-temps/mode", as: admin,
                                                 fields: [("mode", "1"), ("confirmer", "oui")])
            // check
            #expect(page.contains(TimetableMode.software.label))
            #expect(page.contains("EDT / PRONOTE — EDT 2019, format 1.1"))
            #expect(page.contains("Importer un emploi du temps"))
            #expect(page.contains("/etablissements/\(uai)/emploi-du-temps/import"))
            #expect(asked.status == .ok)
            #expect(asked.body.string.contains("Ce changement retire"))
            #expect(asked.body.string.contains("\(French.count(impact.groups, "groupe")) de l'emploi du temps"))
            #expect(asked.body.string.contains("1 cours qui ne s'adressera plus à ces groupes"))
            #expect(modeBefore == .software)
            #expect(confirmed.status == .seeOther)
            #expect(try await TimetableStore(viewer: readers.scenario.operatorViewer, db: app.db).overview(of: establishmentID).mode == .feed)
        }
    }

    @Test("Mode 2's early end is shown on the timetable page and the year-change dashboard; « Garder les inscriptions » keeps them")
    func keepUntil() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app, exit: "2026-07-03")
            let uai = readers.scenario.uai
            let establishmentID = try readers.scenario.academy.establishmentA.requireID()
            let change = TimetableYearEnd.changeDate(of: readers.scenario.year, phases: try await AccessCalendar.load(on: app.db).phases)
            let day = French.date(change)
            let count = try await TimetableStore(viewer: readers.scenario.operatorViewer, db: app.db)
                .endingMemberships(in: establishmentID, before: change).students
            let admin = try await app.logIn(readers.scenario.academy.adminA)
            // act
            let page = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps", as: admin).body.string
            let dashboard = try await app.call(.GET, "etablissements/\(uai)/changement-d-annee", as: admin).body.string
            let kept = try await app.submit("etablissements/\(uai)/emploi-du-temps/garder", as: admin, fields: [("date", change.iso)])
            let after = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps", as: admin).body.string
            // check
            #expect(count >= readers.scenario.students.count)
            #expect(page.contains("\(count) élèves quitteront leurs classes ou leurs groupes avant le \(day)"))
            #expect(page.contains("Garder les inscriptions jusqu'au"))
            #expect(page.contains("value=\"\(change.iso)\""))
            #expect(dashboard.contains("\(count) élèves quitteront"))
            #expect(dashboard.contains("/etablissements/\(uai)/emploi-du-temps#inscriptions"))
            #expect(kept.status == .seeOther)
            #expect(after.contains("Inscriptions gardées jusqu'au \(day)\u{A0}: \(count) élèves concernés."))
            #expect(after.contains("Aucune inscription ne se termine avant le \(day)."))
        }
    }

    @Test("An import's report lists kinds and unmatched names; a name is mapped or ignored from the page")
    func reportAndMappings() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let uai = readers.scenario.uai
            let establishmentID = try readers.scenario.academy.establishmentA.requireID()
            let store = TimetableStore(viewer: readers.scenario.operatorViewer, db: app.db)
            let entry = try #require(try await store.history(of: establishmentID).first)
            let admin = try await app.logIn(readers.scenario.academy.adminA)
            // act
            let report = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps/imports/\(entry.id)", as: admin)
            let unknown = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps/imports/999999", as: admin)
            let mapped = try await app.submit("etablissements/\(uai)/emploi-du-temps/correspondances", as: admin,
                                              fields: [("kind", "class"), ("source", "3E <B>"), ("target", "3EB")])
            let ignored = try await app.submit("etablissements/\(uai)/emploi-du-temps/correspondances", as: admin,
                                               fields: [("kind", "teacher"), ("source", "DUPONT Jean"), ("ignorer", "oui")])
            let page = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps", as: admin).body.string
            // check
            #expect(report.status == .ok)
            #expect(report.body.string.contains("Séances"))
            #expect(report.body.string.contains("Sans correspondance"))
            #expect(unknown.status == .notFound)
            #expect(mapped.status == .seeOther)
            #expect(ignored.status == .seeOther)
            #expect(try await store.mappings(of: establishmentID).contains(TimetableMapping(kind: .schoolClass, source: "3E <B>", target: "3EB")))
            #expect(try await store.mappings(of: establishmentID).contains(TimetableMapping(kind: .teacher, source: "DUPONT Jean", target: nil)))
            #expect(page.contains("3E &lt;B&gt;"))
            #expect(page.contains("ignoré"))
        }
    }
}
