import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// A student's week in real headless Chromium against Bascule serving on a real port.
@Suite("Timetable end to end in headless Chromium", .enabled(if: TestEngine.runsBrowserTests))
struct TimetableBrowserTests {
    @Test("A student logs in, follows « Emploi du temps » and sees this week's courses, then the next week's")
    func studentSeesThisWeek() async throws {
        try await withTestApp { app in
            // setup
            let readers = try await TimetableReaders.make(app)
            let site = try await app.serveOnLocalPort()
            defer { Task { await app.server.shutdown() } }
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                // act
                try await browser.logIn(at: site, as: readers.student.login)
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

    @Test("An administrator uploads the real EDT export, reads the dry run, applies it and reads the report")
    func administratorUploads() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.description
            let folder = URL(fileURLWithPath: app.configuration.dataDirectory).appendingPathComponent("a-envoyer")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("export-edt.xml")
            try TimetableUploadTests.realExport(uai: uai).write(to: file)
            let site = try await app.serveOnLocalPort()
            defer { Task { await app.server.shutdown() } }
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                // act
                try await browser.logIn(at: site, as: academy.adminA.login)
                try await browser.open("\(site)/etablissements/\(uai)/emploi-du-temps")
                try await browser.click("a[href='/etablissements/\(uai)/emploi-du-temps/import']")
                try await browser.waitForPage { $0.hasSuffix("/emploi-du-temps/import") }
                try await browser.attach("#export", file: file)
                try await browser.click("form[enctype='multipart/form-data'] button[type='submit']")
                try await browser.waitForText("Appliquer l'import")
                let dryRun = try await browser.text()
                try await browser.screenshot("emploi-du-temps-essai")
                try await browser.click("form[action$='/application'] button[type='submit']")
                try await browser.waitForText("Import appliqué.")
                let report = try await browser.text()
                // check
                #expect(dryRun.contains("Essai\u{A0}: rien n'a été écrit."))
                #expect(dryRun.contains("export-edt.xml"))
                #expect(report.contains("Import appliqué."))
                #expect(try await browser.location().contains("/emploi-du-temps/imports/"))
            } catch {
                Issue.record(error)
            }
            await browser.close()
            let courses = try await app.sql.raw("SELECT COUNT(*) AS n FROM timetable_courses").first(decodingColumn: "n", as: Int.self)
            #expect((courses ?? 0) > 0)
        }
    }
}
