import BasculeDomain
import BasculeFormats
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Agenda pages: one's events by month and by week, the event form and its refusals, the iCalendar export")
struct AgendaPagesTests {
    @Test("A teacher adds an event, sees it in the week and the month, changes it and exports the agenda; a refused form keeps what was typed")
    func events() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let teacher = try await app.logIn(academy.teacherA)
            let other = try await app.logIn(academy.studentA)
            let owner = try academy.teacherA.requireID()
            func count() async throws -> Int? {
                try await app.sql.raw("SELECT COUNT(*) AS n FROM calendar_events WHERE account_id = \(bind: owner)")
                    .first(decodingColumn: "n", as: Int.self)
            }
            let before = try await count()
            // act
            let added = try await app.submit("agenda", as: teacher, fields: [
                ("titre", "Conseil de classe; 3e A, <b>"), ("debut", "2026-06-16"), ("heureDebut", "17:30"), ("heureFin", "19:00"),
                ("lieu", "Salle 12"),
            ])
            let id = try #require(try await app.sql.raw("SELECT id FROM calendar_events WHERE account_id = \(bind: owner) AND location = 'Salle 12'")
                .first(decodingColumn: "id", as: Int.self))
            let week = try await app.call(.GET, "agenda?semaine=2026-06-15", as: teacher).body.string
            let month = try await app.call(.GET, "agenda?mois=2026-06", as: teacher).body.string
            let backwards = try await app.submit("agenda", as: teacher, fields: [
                ("titre", "Sortie au musée"), ("debut", "2026-06-18"), ("heureDebut", "14:00"), ("fin", "2026-06-17"), ("heureFin", "16:00"),
            ])
            let changed = try await app.submit("agenda/evenements/\(id)", as: teacher, fields: [
                ("titre", "Conseil de classe; 3e A, <b>"), ("debut", "2026-06-16"), ("heureDebut", "18:00"), ("heureFin", "19:30"),
                ("lieu", "Salle 12"),
            ])
            let ics = try await app.call(.GET, "agenda/agenda.ics", as: teacher)
            let byOther = try await app.call(.GET, "agenda/evenements/\(id)", as: other)
            let changedByOther = try await app.submit("agenda/evenements/\(id)", as: other, fields: AgendaPagesTests.fields)
            let otherWeek = try await app.call(.GET, "agenda?semaine=2026-06-15", as: other).body.string
            let deleted = try await app.submit("agenda/evenements/\(id)/suppression", as: teacher)
            let after = try await count()
            // check
            #expect(added.status == .seeOther)
            #expect(week.contains("17\u{A0}h\u{A0}30 — Conseil de classe; 3e A, &lt;b&gt;") && week.contains("Salle 12"))
            #expect(week.contains("Mardi 16\u{A0}juin"))
            #expect(month.contains("Conseil de classe; 3e A, &lt;b&gt;") && month.contains("Agenda — juin 2026"))
            #expect(backwards.status == .badRequest)
            #expect(backwards.body.string.contains("« Fin »\u{A0}: elle précède le début") && backwards.body.string.contains("value=\"Sortie au musée\""))
            #expect(backwards.body.string.contains("aria-invalid=\"true\""))
            #expect(changed.status == .seeOther)
            #expect(ics.headers.contentType?.subType == "calendar")
            let text = ics.body.string
            #expect(text.contains("SUMMARY:Conseil de classe\\; 3e A\\, <b>\r\n"))
            #expect(text.contains("DTSTART;TZID=Europe/Paris:20260616T180000\r\n") && text.contains("DTEND;TZID=Europe/Paris:20260616T193000\r\n"))
            #expect(text.contains("BEGIN:VTIMEZONE") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(byOther.status == .notFound && changedByOther.status == .notFound && !otherWeek.contains("Conseil de classe"))
            #expect(deleted.status == .seeOther && after == before)
        }
    }

    static let fields = [("titre", "x"), ("debut", "2026-06-16"), ("heureDebut", "08:00"), ("heureFin", "09:00")]

    @Test("iCalendar: text escaped, long lines folded at 75 octets without cutting a character, CRLF everywhere")
    func writer() {
        // setup
        let writer = ICalendarWriter(stamp: Date(timeIntervalSince1970: 0))
        let title = String(repeating: "é", count: 60) + "\nfin"
        // act
        let event = writer.event(.init(uid: "evenement-1@bascule", title: title, startsAt: "2026-06-16T08:05:00",
                                       endsAt: "2026-06-16T09:00:00", location: nil))
        // check
        let lines = event.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(!event.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let unfolded = event.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + String(repeating: "é", count: 60) + "\\nfin\r\n"))
        #expect(unfolded.contains("DTSTAMP:19700101T000000Z\r\n") && unfolded.contains("DTSTART;TZID=Europe/Paris:20260616T080500\r\n"))
        #expect(!unfolded.contains("LOCATION"))
    }
}
