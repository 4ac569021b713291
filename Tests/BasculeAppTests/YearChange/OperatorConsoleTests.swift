import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Operator console: readiness, confirmation, background run followed live, undo")
struct OperatorConsoleTests {
    /// Waits for the console's launches to finish (they run in the background).
    static func settled(_ app: Application) async throws -> [YearChangeLaunches.Launch] {
        for _ in 0..<3000 {
            let launches = try await YearChangeLaunches(sql: app.sql).recent()
            if launches.allSatisfy({ $0.finishedAt != nil }) { return launches }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("launch still running after 300 s")
        return []
    }

    @Test("A run asks for confirmation, goes on in the background, and its result shows in the console and the archives")
    func runAndUndo() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let operatorHeaders = try await app.logIn(fixture.academy.operatorAccount)
            let before = try await fixture.checksum()
            // act
            let console = try await app.call(.GET, "console", as: operatorHeaders).body.string
            let asked = try await app.submit("console/changement", as: operatorHeaders, fields: [("uai[]", fixture.uaiA), ("portee", "selection")])
            let runsAfterAsking = try await fixture.count("year_change_runs")
            let launched = try await app.submit("console/changement", as: operatorHeaders,
                                                fields: [("uai[]", fixture.uaiA), ("portee", "selection"), ("confirme", "oui")])
            let launches = try await Self.settled(app)
            let doneRuns = try await fixture.count("year_change_runs WHERE establishment_id = \(bind: fixture.establishmentA) AND state = 'done'")
            let followed = try await app.call(.GET, "console", as: operatorHeaders).body.string
            let archives = try await app.call(.GET, "etablissements/\(fixture.uaiA)/archives", as: operatorHeaders).body.string
            let askedUndo = try await app.submit("console/annulation", as: operatorHeaders, fields: [("uai[]", fixture.uaiA)])
            _ = try await app.submit("console/annulation", as: operatorHeaders, fields: [("uai[]", fixture.uaiA), ("confirme", "oui")])
            let afterUndo = try await Self.settled(app)
            // check
            #expect(console.contains(fixture.uaiA) && console.contains("Lancer le changement"))
            #expect(asked.status == .ok && asked.body.string.contains("Oui, lancer le changement") && runsAfterAsking == 0)
            #expect(launched.status == .seeOther)
            #expect(launches.first?.error == nil && launches.first?.outcome == "1 établissement changé, 0 retenu")
            #expect(doneRuns == 1)
            let steps = YearChangeRules.all.count
            #expect(followed.contains("\(steps)/\(steps)") && followed.contains("changé"))
            #expect(archives.contains("Classes › Année précédente"))
            #expect(askedUndo.status == .ok && askedUndo.body.string.contains("Oui, annuler ce changement"))
            #expect(afterUndo.first?.kind == .undo && afterUndo.first?.error == nil)
            #expect(try await fixture.checksum() == before)
        }
    }

    @Test("The plan of the selection, and phases added and removed (with confirmation) from the console")
    func planAndCalendar() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let headers = try await app.logIn(fixture.academy.operatorAccount)
            // act
            let plan = try await app.call(.GET, "console/plan?uai[]=\(fixture.uaiA)", as: headers).body.string
            let added = try await app.submit("console/calendrier", as: headers, fields: [
                ("label", "Fermeture d'été"), ("startsAt", "2027-07-10T18:00"), ("endsAt", "2027-07-12T08:00"), ("access", "closed"),
                ("liftFrom", ""), ("extendUntil", "")])
            let refused = try await app.submit("console/calendrier", as: headers, fields: [
                ("label", "À l'envers"), ("startsAt", "2027-07-12T18:00"), ("endsAt", "2027-07-10T08:00"), ("access", "closed")])
            let phases = try await AccessCalendar.load(on: app.sql).phases
            let asked = try await app.submit("console/calendrier/\(phases[0].id)/suppression", as: headers)
            let countAfterAsking = try await AccessCalendar.load(on: app.sql).phases.count
            _ = try await app.submit("console/calendrier/\(phases[0].id)/suppression", as: headers, fields: [("confirme", "oui")])
            // check
            #expect(plan.contains("Cahiers de textes des classes"))
            #expect(added.status == .seeOther && refused.status == .seeOther)
            #expect(phases.map(\.label) == ["Fermeture d'été"])
            #expect(asked.status == .ok && countAfterAsking == 1)
            #expect(try await AccessCalendar.load(on: app.sql).phases.isEmpty)
        }
    }
}

@Suite("Operator console: holds")
struct OperatorConsoleHoldTests {
    @Test("An establishment held by a safety rule shows as waiting, and the operator confirms it from the console")
    func hold() async throws {
        try await withTestApp { app in
            // setup: none of B's teachers is in next year's directory, so its Moodle step would hit them all;
            // B gets the ten categories under which no share holds an establishment back
            let fixture = try await YearChangeFixture.make(app)
            let b = try fixture.academy.establishmentB.requireID()
            let teachersB = try await app.sql.raw("""
                SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(bind: b) AND kind = 'teacher' ORDER BY account_id
                """).all(decodingColumn: "account_id", as: Int.self)
            let categoriesB = try await fixture.count("moodle_categories WHERE establishment_id = \(bind: b)")
            for teacher in teachersB.prefix(max(0, 10 - categoriesB)) {
                try await app.sql.raw("""
                    INSERT INTO moodle_categories (establishment_id, teacher_id, name, is_hidden, in_recycle_bin)
                    VALUES (\(bind: b), \(bind: teacher), 'Cours ajouté', \(bind: false), \(bind: false))
                    """).run()
            }
            try #require(try await fixture.count("moodle_categories WHERE establishment_id = \(bind: b)") >= 10)
            let headers = try await app.logIn(fixture.academy.operatorAccount)
            let uaiB = fixture.academy.establishmentB.uai.code
            // act
            _ = try await app.submit("console/changement", as: headers, fields: [("uai[]", uaiB), ("confirme", "oui")])
            let held = try await OperatorConsoleTests.settled(app)
            let console = try await app.call(.GET, "console", as: headers).body.string
            _ = try await app.submit("console/changement", as: headers, fields: [("uai[]", uaiB), ("force", "oui"), ("confirme", "oui")])
            let confirmed = try await OperatorConsoleTests.settled(app)
            // check
            #expect(held.first?.outcome == "0 établissement changé, 1 retenu")
            #expect(console.contains("en attente de confirmation") && console.contains(">Confirmer<"))
            #expect(confirmed.first?.kind == .runConfirmed && confirmed.first?.outcome == "1 établissement changé, 0 retenu")
            #expect(try await fixture.count("year_change_runs r JOIN establishments e ON e.id = r.establishment_id WHERE e.uai = \(bind: uaiB) AND r.state = 'done'") == 1)
        }
    }
}

@Suite("Operator console: a launch whose instance died")
struct OperatorConsoleInterruptedTests {
    @Test("An unfinished launch older than an hour shows as interrupted and the page stops reloading; a recent one keeps it reloading")
    func interrupted() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let headers = try await app.logIn(academy.operatorAccount)
            let launches = YearChangeLaunches(sql: app.sql)
            let old = CalendarDate.instant(TestClock.clock.moment().addingTimeInterval(-2 * 3600))
            _ = try await launches.start(kind: .run, uais: [], by: academy.operatorAccount.requireID(), at: old)
            // act
            let stale = try await app.call(.GET, "console", as: headers).body.string
            _ = try await launches.start(kind: .run, uais: [], by: academy.operatorAccount.requireID(), at: TestClock.now)
            let going = try await app.call(.GET, "console", as: headers).body.string
            // check
            #expect(stale.contains("Interrompu (l&#39;instance s&#39;est arrêtée)") || stale.contains("Interrompu (l'instance s'est arrêtée)"))
            #expect(!stale.contains("http-equiv=\"refresh\""))
            #expect(going.contains("http-equiv=\"refresh\"") && going.contains("en cours…"))
        }
    }
}
