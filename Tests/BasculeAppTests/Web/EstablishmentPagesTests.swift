import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Establishment pages: access blocking, import history, archives, recycle bin")
struct EstablishmentPagesTests {
    @Test("The establishment sets its own end of the block within the limits; outside them nothing is stored")
    func accessBlock() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let phase = try await CalendarStore(sql: app.sql).add(AccessBlockingTests.phase(.studentsAndParentsBlocked))
            let admin = try await app.logIn(academy.adminA)
            let path = "etablissements/\(academy.establishmentA.uai.code)/blocage-des-acces"
            let within = TestClock.today.adding(days: 12).iso, beyond = TestClock.today.adding(days: 30).iso
            // act
            let page = try await app.call(.GET, path, as: admin).body.string
            let refused = try await app.submit(path, as: admin, fields: [("phase", String(phase)), ("date", beyond), ("time", "08:00")])
            let afterRefusal = try await AccessCalendar.load(on: app.sql).blockEnds
            let saved = try await app.submit(path, as: admin, fields: [("phase", String(phase)), ("date", within), ("time", "07:30")])
            let shown = try await app.call(.GET, path, as: admin).body.string
            // check
            #expect(page.contains("Période de test") && page.contains("L&#39;établissement suit la période par défaut") || page.contains("L'établissement suit la période par défaut"))
            #expect(refused.status == .seeOther && afterRefusal.isEmpty)
            #expect(saved.status == .seeOther)
            let key = AccessCalendar.BlockKey(establishmentID: try academy.establishmentA.requireID(), phaseID: phase)
            #expect(try await AccessCalendar.load(on: app.sql).blockEnds[key] == "\(within)T07:30")
            #expect(shown.contains("Fin du blocage enregistrée"))
        }
    }

    @Test("The import history shows the AAF reports that concern the establishment, and only those")
    func importHistory() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let (uaiA, uaiB) = (academy.establishmentA.uai.code, academy.establishmentB.uai.code)
            func report(_ uai: String, created: Int) -> String {
                """
                {"runID":1,"source":"aaf-\(uai)","year":"2025-2026","exportDate":"2025-07-01","state":"applied","records":\(created),
                 "lines":[{"uai":"\(uai)","kind":"student","counts":{"created":\(created),"updated":2,"unchanged":3,"left":4,"rejected":1}}],
                 "holds":[],"rejections":[{"file":"ENT_\(uai)_Complet_Eleve_0000.xml","line":12,"id":"99","reason":"classe inconnue dans \(uai)"}],
                 "seconds":1.5,"steps":[]}
                """
            }
            for (uai, created) in [(uaiA, 417), (uaiB, 923)] {
                try await app.sql.raw("""
                    INSERT INTO import_runs (source, is_full, export_date, started_at, finished_at, state, report)
                    VALUES ('aaf', \(bind: true), '2025-07-01', '2025-07-02T10:00:00', '2025-07-02T10:00:02', 'applied', \(bind: report(uai, created: created)))
                    """).run()
            }
            // act
            let page = try await app.call(.GET, "etablissements/\(uaiA)/imports", as: try await app.logIn(academy.adminA))
            let byTeacher = try await app.call(.GET, "etablissements/\(uaiA)/imports", as: try await app.logIn(academy.teacherA))
            // check
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<td>417</td>") && !page.body.string.contains("<td>923</td>"))
            #expect(page.body.string.contains("classe inconnue dans \(uaiA)"))
            #expect(byTeacher.status == .forbidden)
        }
    }

    @Test("After the change, students and teachers find last year's logbook under « Année précédente », each their own share")
    func archives() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await fixture.run()
            let path = "etablissements/\(fixture.uaiA)/archives"
            let student = try fixture.academy.studentA.requireID()
            let ownSessions = try await fixture.count("""
                logbook_sessions WHERE school_year_id = 1 AND establishment_id = \(bind: fixture.establishmentA)
                AND (class_id IN (SELECT class_id FROM class_memberships WHERE account_id = \(bind: student))
                     OR group_id IN (SELECT group_id FROM group_memberships WHERE account_id = \(bind: student)))
                """)
            let allSessions = try await fixture.count("logbook_sessions WHERE school_year_id = 1 AND establishment_id = \(bind: fixture.establishmentA)")
            try #require(ownSessions > 1 && ownSessions < allSessions)
            // act
            let byStudent = try await app.call(.GET, path, as: try await app.logIn(fixture.academy.studentA))
            let byTeacher = try await app.call(.GET, path, as: try await app.logIn(fixture.academy.teacherA))
            let byStudentB = try await app.call(.GET, path, as: try await app.logIn(fixture.academy.studentB))
            // check
            #expect(byStudent.status == .ok)
            #expect(byStudent.body.string.contains("Classes › Année précédente"))
            #expect(byStudent.body.string.contains("Cahier de textes 2025-2026, en lecture seule : \(ownSessions) séances"))
            #expect(byTeacher.body.string.contains("Cahier de textes 2025-2026, en lecture seule : \(allSessions) séances"))
            #expect(byStudentB.status == .forbidden)
        }
    }

    @Test("Last year's logbook archive is found by the rule that made it: renamed by the establishment, it still shows the logbook")
    func archiveFoundByRule() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await fixture.run()
            try await app.sql.raw("""
                UPDATE sections SET title = 'Cahiers 2025-2026' WHERE archive_rule = \(YearChangeRule.ID.archiveLogbooks)
                AND establishment_id = \(bind: fixture.establishmentA)
                """).run()
            // act
            let page = try await app.call(.GET, "etablissements/\(fixture.uaiA)/archives",
                                          as: try await app.logIn(fixture.academy.teacherA)).body.string
            // check
            #expect(page.contains("Classes › Cahiers 2025-2026"))
            #expect(page.contains("Cahier de textes 2025-2026, en lecture seule"))
        }
    }

    @Test("Class spaces binned by the change are restored to their place within the window, not after, and only by the establishment")
    func recycleBin() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await fixture.run()
            let admin = try await app.logIn(fixture.academy.adminA)
            struct Binned: Decodable { let id: Int; let restore_parent_id: Int? }
            let binned = try await app.sql.raw("""
                SELECT id, restore_parent_id FROM sections WHERE establishment_id = \(bind: fixture.establishmentA)
                AND kind = 'class_space' AND binned_on = '2026-07-24' AND purged_on IS NULL ORDER BY id
                """).all(decoding: Binned.self)
            try #require(binned.count >= 2)
            try await app.sql.raw("UPDATE sections SET binned_on = '2020-01-01' WHERE id = \(bind: binned[1].id)").run()
            let base = "etablissements/\(fixture.uaiA)/corbeille"
            // act
            let page = try await app.call(.GET, base, as: admin).body.string
            let restored = try await app.submit("\(base)/\(binned[0].id)/restaurer", as: admin)
            let again = try await app.submit("\(base)/\(binned[0].id)/restaurer", as: admin)
            let late = try await app.submit("\(base)/\(binned[1].id)/restaurer", as: admin)
            let byOther = try await app.submit("\(base)/\(binned[0].id)/restaurer", as: try await app.logIn(fixture.academy.adminB))
            // check
            #expect(page.contains("Restaurer"))
            #expect(restored.status == .seeOther && again.status == .notFound && byOther.status == .forbidden)
            let place: SQLQueryString = binned[0].restore_parent_id.map { "parent_id = \(bind: $0)" } ?? "parent_id IS NULL"
            #expect(try await fixture.count("sections WHERE id = \(bind: binned[0].id) AND \(place) AND binned_on IS NULL AND restore_parent_id IS NULL") == 1)
            #expect(late.status == .seeOther)
            #expect(try await fixture.count("sections WHERE id = \(bind: binned[1].id) AND binned_on = '2020-01-01'") == 1)
        }
    }
}
