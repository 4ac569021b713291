import BasculeDomain
import BasculeStorage
import Testing
import Vapor
@testable import BasculeApp

@Suite("Logbook page: a teacher's week of courses, each filled by a form that works without JavaScript")
struct LogbookPageTests {
    @Test("The page lists the week's courses with a form each; a form post fills one, shown escaped, and the form goes")
    func fillByForm() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let scenario = readers.scenario
            let teacher = try await app.logIn(scenario.teacher)
            let week = try await app.call(.GET, "api/v1/me/logbook/sessions?week=2026-06-15", as: teacher)
            let courseID = try week.decode(LogbookAPI.WeekDTO.self).occurrences.first { $0.date == "2026-06-15" }!.courseID
            // act
            let before = try await app.call(.GET, "cahier-de-textes?semaine=2026-06-17", as: teacher)
            let post = try await app.submit("cahier-de-textes", as: teacher, fields: [
                ("etablissement", scenario.uai), ("cours", String(courseID)), ("date", "2026-06-15"),
                ("contenu", "Fractions <b>1</b>\nExercices 2 et 3"),
            ])
            let after = try await app.call(.GET, post.headers.first(name: .location) ?? "", as: teacher).body.string
            let empty = try await app.submit("cahier-de-textes", as: teacher, fields: [
                ("etablissement", scenario.uai), ("cours", String(courseID)), ("date", "2026-06-17"), ("contenu", "  "),
            ])
            let forged = try await app.submit("cahier-de-textes", as: teacher, fields: [
                ("cours", String(courseID)), ("date", "2026-06-15"), ("contenu", "x"), ("_csrf", "faux"),
            ], withToken: false)
            // check
            #expect(before.status == .ok)
            let html = before.body.string
            #expect(html.contains("<title>Cahier de textes — Bascule</title>"))
            #expect(html.contains("href=\"/cahier-de-textes\" aria-current=\"page\">Cahier de textes</a>"))
            #expect(html.contains("Semaine du lundi 15\u{A0}juin au dimanche 21\u{A0}juin 2026"))
            #expect(html.contains("semaine=2026-06-08\">← Semaine précédente"))
            #expect(html.contains("semaine=2026-06-22\">Semaine suivante"))
            #expect(html.contains("Lundi 15\u{A0}juin 2026"))
            #expect(html.contains("8\u{A0}h – 9\u{A0}h"))
            #expect(html.components(separatedBy: "Remplir la séance</button>").count - 1
                    == readers.expectedOccurrences(monday: try CalendarDate(iso: "2026-06-15")))
            #expect(html.contains("name=\"_csrf\""))
            #expect(post.status == .seeOther)
            #expect(post.headers.first(name: .location) == "/cahier-de-textes?etablissement=\(scenario.uai)&semaine=2026-06-15")
            #expect(after.contains("Séance du lundi 15\u{A0}juin 2026 enregistrée."))
            #expect(after.contains("Fractions &lt;b&gt;1&lt;/b&gt;"))
            #expect(!after.contains("<b>1</b>"))
            #expect(after.components(separatedBy: "Remplir la séance</button>").count - 1 == 1)
            #expect(empty.status == .seeOther)
            #expect(forged.status == .forbidden)
            #expect(try await TimetableReaders.sessionCount(app) == 1)
        }
    }

    @Test("A student is sent from the teacher's week to their homework and refused its form; a teacher with no course this week is told so")
    func refusals() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let student = try await app.logIn(readers.student)
            let teacher = try await app.logIn(readers.scenario.teacher)
            // act
            let page = try await app.call(.GET, "cahier-de-textes", as: student)
            let post = try await app.submit("cahier-de-textes", as: student, fields: [("cours", "1"), ("date", "2026-06-15"),
                                                                                     ("contenu", "x")])
            let holidays = try await app.call(.GET, "cahier-de-textes?semaine=2025-10-22", as: teacher).body.string
            // check
            #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/cahier-de-textes/travail?") == true)
            #expect(post.status == .forbidden)
            #expect(holidays.contains("Vacances de la Toussaint"))
            #expect(holidays.contains("Aucun de vos cours n'a lieu cette semaine."))
            #expect(try await TimetableReaders.sessionCount(app) == 0)
        }
    }
}
