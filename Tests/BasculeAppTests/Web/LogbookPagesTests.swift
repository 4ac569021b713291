import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Logbook pages: the classes' sessions, homework to do, a session changed by its teacher")
struct LogbookPagesTests {
    /// A session of `studentA`'s class written by `teacherA` through the API, on a school day
    /// before the tests' today (2026-06-15).
    static func session(_ f: ServiceFixtures, _ app: Application, as teacher: HTTPHeaders, content: String) async throws -> Int {
        let created = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/logbook_sessions", as: teacher, json: [
            "class_id": .int(f.classOfStudentA), "held_on": .text("2026-06-12"), "slot": .text("10:00-11:00"), "content": .text(content),
        ])
        try #require(created.status == .ok || created.status == .created, "\(created.body.string)")
        return created.id
    }

    @Test("A teacher gives homework in a session; the student and the parent see it to do, a pupil of another class does not; a colleague cannot give homework in it; the teacher then changes and deletes it")
    func homeworkSeenByFamily() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let a = f.academy
            let (teacher, student, parent) = (try await app.logIn(a.teacherA), try await app.logIn(a.studentA), try await app.logIn(a.parentA))
            let other = try await app.logIn(f.otherStudentA)
            let id = try await Self.session(f, app, as: teacher, content: "Chapitre 4 : les fractions")
            let page = "cahier-de-textes/seances/\(id)?etablissement=\(f.uaiA)"
            // act
            let early = try await app.submit("cahier-de-textes/seances/\(id)/devoirs?etablissement=\(f.uaiA)", as: teacher,
                                             fields: [("echeance", "2026-06-10"), ("travail", "Trop tôt")])
            let earlyNotice = try await app.call(.GET, page, as: teacher).body.string
            let late = try await app.submit("cahier-de-textes/seances/\(id)/devoirs?etablissement=\(f.uaiA)", as: teacher,
                                            fields: [("echeance", "2026-09-10"), ("travail", "Après l'été")])
            let lateNotice = try await app.call(.GET, page, as: teacher).body.string
            let given = try await app.submit("cahier-de-textes/seances/\(id)/devoirs?etablissement=\(f.uaiA)", as: teacher,
                                             fields: [("echeance", "2026-06-18"), ("travail", "Exercice 12 <b>page 40</b>")])
            let byStudent = try await app.call(.GET, "cahier-de-textes/travail", as: student)
            let byParent = try await app.call(.GET, "cahier-de-textes/travail", as: parent)
            let byOther = try await app.call(.GET, "cahier-de-textes/travail", as: other)
            let classesByStudent = try await app.call(.GET, "cahier-de-textes/classes?etablissement=\(f.uaiA)", as: student)
            let sessionByOther = try await app.call(.GET, page, as: other)
            let colleagueID = try #require(try await f.others(.teacher, besides: a.teacherA, limit: 1, app).first)
            let colleague = try await app.logIn(try await TestAcademy.withPassword(try #require(try await Account.find(colleagueID, on: app.db)), app))
            let intruding = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/homework", as: colleague, json: [
                "class_id": .int(f.classOfStudentA), "session_id": .int(id), "given_on": .text("2026-06-12"), "due_on": .text("2026-06-19"),
                "content": .text("Travail glissé dans la séance d'un collègue"),
            ])
            let editByStudent = try await app.submit(page, as: student, fields: [("contenu", "Piraté")])
            let edit = try await app.submit(page, as: teacher, fields: [("contenu", "Chapitre 4 : fractions et décimaux")])
            let afterEdit = try await app.call(.GET, "cahier-de-textes/classes?etablissement=\(f.uaiA)", as: parent).body.string
            let homeworkID = try await app.sql.raw("SELECT id FROM homework WHERE session_id = \(bind: id)")
                .all(decodingColumn: "id", as: Int.self)
            let deleteByStudent = try await app.submit("cahier-de-textes/seances/\(id)/suppression?etablissement=\(f.uaiA)", as: student)
            let confirmation = try await app.call(.GET, "cahier-de-textes/seances/\(id)/suppression?etablissement=\(f.uaiA)", as: teacher)
            let deleted = try await app.submit("cahier-de-textes/seances/\(id)/suppression?etablissement=\(f.uaiA)", as: teacher)
            let left = try await app.sql.raw("""
                SELECT (SELECT COUNT(*) FROM logbook_sessions WHERE id = \(bind: id)) + (SELECT COUNT(*) FROM homework WHERE session_id = \(bind: id)) AS n
                """).first(decodingColumn: "n", as: Int.self)
            // check
            #expect(early.status == .seeOther && earlyNotice.contains("le travail est à rendre le jour de la séance ou après"))
            #expect(late.status == .seeOther && lateNotice.contains("avant la fin de l'année scolaire 2025-2026"))
            #expect(given.status == .seeOther && homeworkID.count == 1)
            for page in [byStudent, byParent] {
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Jeudi 18\u{A0}juin 2026"))
                #expect(page.body.string.contains("Exercice 12 &lt;b&gt;page 40&lt;/b&gt;"))
            }
            #expect(byOther.status == .ok && !byOther.body.string.contains("Exercice 12"))
            #expect(classesByStudent.body.string.contains("Chapitre 4 : les fractions"))
            #expect(classesByStudent.body.string.contains("Pour le jeudi 18\u{A0}juin 2026\u{A0}: Exercice 12"))
            #expect(sessionByOther.status == .notFound)
            #expect(intruding.status == .forbidden)
            #expect(editByStudent.status == .forbidden && edit.status == .seeOther)
            #expect(afterEdit.contains("Chapitre 4 : fractions et décimaux") && !afterEdit.contains("Piraté"))
            #expect(deleteByStudent.status == .forbidden)
            #expect(confirmation.body.string.contains("avec le travail à faire qui y a été donné"))
            #expect(deleted.status == .seeOther && left == 0)
        }
    }

    @Test("The staff browse every class's sessions by class, subject and month, thirty to a page; a student only their own")
    func filtersAndPaging() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app, withActivity: true)
            let establishment = try f.academy.establishmentA.requireID()
            let staff = try await app.logIn(f.academy.staffA)
            func count(_ condition: SQLQueryString) async throws -> Int {
                try await app.sql.raw("""
                    SELECT COUNT(*) AS n FROM logbook_sessions WHERE establishment_id = \(bind: establishment) AND school_year_id = 1 AND \(condition)
                    """).first(decodingColumn: "n", as: Int.self) ?? 0
            }
            let all = try await count("1 = 1")
            let ofClass = try await count("class_id = \(bind: f.classOfStudentA)")
            let month = try #require(try await app.sql.raw("""
                SELECT SUBSTR(held_on, 1, 7) AS m FROM logbook_sessions WHERE class_id = \(bind: f.classOfStudentA) ORDER BY held_on LIMIT 1
                """).first(decodingColumn: "m", as: String.self))
            let ofClassInMonth = try await count("class_id = \(bind: f.classOfStudentA) AND held_on LIKE \(bind: month + "-%")")
            try #require(all > LogbookStore.perPage && ofClass > 0 && ofClass < all)
            let base = "cahier-de-textes/classes?etablissement=\(f.uaiA)"
            // act
            let first = try await app.call(.GET, base, as: staff).body.string
            let last = try await app.call(.GET, base + "&page=\((all + 29) / 30)", as: staff).body.string
            let byClass = try await app.call(.GET, base + "&classe=classe-\(f.classOfStudentA)", as: staff).body.string
            let byMonth = try await app.call(.GET, base + "&classe=classe-\(f.classOfStudentA)&mois=\(month)", as: staff).body.string
            let badMonth = try await app.call(.GET, base + "&mois=2026-13", as: staff)
            let byStudent = try await app.call(.GET, base + "&classe=classe-\(f.otherClassA)", as: try await app.logIn(f.academy.studentA))
            // What the filter form sends with « Toutes » chosen everywhere.
            let everything = try await app.call(.GET, base + "&classe=&matiere=&mois=", as: staff)
            // check
            #expect(first.contains("<option value selected=\"selected\">Toutes</option>") && everything.status == .ok)
            #expect(first.contains("\(all) séances, de la 1re à la 30e."))
            #expect(first.components(separatedBy: "<div class=\"card\"><h2>").count - 1 == LogbookStore.perPage)
            #expect(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""))
            #expect(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
            #expect(byClass.contains("\(French.count(ofClass, "séance"))"))
            #expect(byMonth.contains("\(French.count(ofClassInMonth, "séance"))"))
            #expect(badMonth.status == .badRequest)
            #expect(byStudent.body.string.contains("Aucune séance ne correspond à ces critères."))
        }
    }

    @Test("After the change, last year's logbook is browsed from « Archives », read-only: no change offered, none accepted")
    func lastYearReadOnly() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await fixture.run()
            let teacherID = try fixture.academy.teacherA.requireID()
            let own = try #require(try await app.sql.raw("""
                SELECT id FROM logbook_sessions WHERE teacher_id = \(bind: teacherID) AND school_year_id = 1 ORDER BY id LIMIT 1
                """).first(decodingColumn: "id", as: Int.self))
            let teacher = try await app.logIn(fixture.academy.teacherA)
            // act
            let archives = try await app.call(.GET, "etablissements/\(fixture.uaiA)/archives", as: teacher).body.string
            let listing = try await app.call(.GET, "cahier-de-textes/classes?etablissement=\(fixture.uaiA)&annee=1", as: teacher).body.string
            let edit = try await app.submit("cahier-de-textes/seances/\(own)?etablissement=\(fixture.uaiA)", as: teacher,
                                            fields: [("contenu", "Réécrit après coup")])
            let content = try await app.sql.raw("SELECT content FROM logbook_sessions WHERE id = \(bind: own)")
                .first(decodingColumn: "content", as: String.self)
            // check
            #expect(archives.contains("href=\"/cahier-de-textes/classes?etablissement=\(fixture.uaiA)&annee=1\""))
            #expect(listing.contains("Cahier de textes 2025-2026 (lecture seule)"))
            #expect(!listing.contains("Modifier la séance"))
            #expect(edit.status == .conflict)
            #expect(content != "Réécrit après coup")
        }
    }

    @Test("A teacher attaches documents to a session; its class's student and parent download them, another class's pupil does not; only the teacher attaches and removes")
    func attachments() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let a = f.academy
            let (teacher, student, parent) = (try await app.logIn(a.teacherA), try await app.logIn(a.studentA), try await app.logIn(a.parentA))
            let other = try await app.logIn(f.otherStudentA)
            let id = try await Self.session(f, app, as: teacher, content: "Les volcans")
            let upload = "cahier-de-textes/seances/\(id)/documents?etablissement=\(f.uaiA)"
            // act
            let attached = try await app.upload(upload, as: teacher, files: [("fichiers", "carte<i>.txt", "Chaîne des Puys\n")])
            let document = try #require(try await app.sql.raw("SELECT id FROM logbook_attachments WHERE session_id = \(bind: id)")
                .first(decodingColumn: "id", as: Int.self))
            let path = "cahier-de-textes/seances/\(id)/documents/\(document)?etablissement=\(f.uaiA)"
            let sessionPage = try await app.call(.GET, "cahier-de-textes/seances/\(id)?etablissement=\(f.uaiA)", as: student).body.string
            let byStudent = try await app.call(.GET, path, as: student)
            let byParent = try await app.call(.GET, path, as: parent)
            let byOther = try await app.call(.GET, path, as: other)
            let uploadByStudent = try await app.upload(upload, as: student, files: [("fichiers", "pirate.txt", "x")])
            let removeByStudent = try await app.submit("cahier-de-textes/seances/\(id)/documents/\(document)/suppression?etablissement=\(f.uaiA)",
                                                       as: student)
            let removed = try await app.submit("cahier-de-textes/seances/\(id)/documents/\(document)/suppression?etablissement=\(f.uaiA)",
                                               as: teacher)
            let left = try await app.sql.raw("SELECT COUNT(*) AS n FROM logbook_attachments WHERE session_id = \(bind: id)")
                .first(decodingColumn: "n", as: Int.self)
            // check
            #expect(attached.status == .seeOther)
            #expect(sessionPage.contains("carte&lt;i&gt;.txt") && !sessionPage.contains("Joindre des documents"))
            #expect(byStudent.status == .ok && byStudent.body.string == "Chaîne des Puys\n" && byParent.status == .ok)
            #expect(byStudent.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(byOther.status == .notFound)
            #expect(uploadByStudent.status == .forbidden && removeByStudent.status == .forbidden)
            #expect(removed.status == .seeOther && left == 0)
        }
    }
}
