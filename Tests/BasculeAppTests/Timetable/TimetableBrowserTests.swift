import BasculeDomain
import BasculeStorage
import Foundation
import Testing
import Vapor
@testable import BasculeApp

/// A student's week in real headless Chromium against Bascule serving on a real port.
@Suite("Timetable end to end in headless Chromium")
struct TimetableBrowserTests {
    @Test("A student logs in, follows « Emploi du temps » and sees this week's courses, then the next week's")
    func studentSeesThisWeek() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            defer { Task { await app.server.shutdown() } }
            let port = try #require(app.http.server.shared.localAddress?.port)
            let site = "http://127.0.0.1:\(port)"
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                // act
                try await browser.open("\(site)/connexion")
                try await browser.fill("#login", readers.student.login)
                try await browser.fill("#password", TestAcademy.password)
                try await browser.click("form[action='/connexion'] button[type='submit']")
                try await browser.waitForPage { $0.hasSuffix("/accueil") }
                try await browser.click("nav.site a[href='/emploi-du-temps']")
                try await browser.waitForText("Semaine du lundi 15\u{A0}juin")
                let week = try await browser.text()
                try await browser.screenshot("emploi-du-temps")
                try await browser.click("a[href$='semaine=2026-06-22']")
                try await browser.waitForText("Semaine du lundi 22\u{A0}juin")
                let next = try await browser.text()
                // check
                #expect(week.contains(readers.scenario.subject.label))
                #expect(week.contains("Salle 101"))
                #expect(week.contains("Lundi 15\u{A0}juin"))
                #expect(next.contains("Salle 101"))
            } catch {
                Issue.record(error)
            }
            await browser.close()
        }
    }
}
