import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import BasculeApp

/// The year change as its people live it, in real headless Chromium against Bascule serving on
/// a real port: the establishment's administrator keeps a group and exports the ZIP, the
/// operator runs the change for the establishment and finds the result in its archives.
/// `BASCULE_SCREENSHOTS=dossier swift test --filter BrowserEndToEnd` keeps screenshots of the pages.
@Suite("End to end in headless Chromium", .enabled(if: TestEngine.runsBrowserTests))
struct BrowserEndToEndTests {
    @Test("Administrator: dashboard, keep a group, export the ZIP; operator: run the change, see the archive")
    func yearChangeInTheBrowser() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await CalendarStore(sql: app.sql).add(.init(
                id: 0, label: "Archivage et purge", startsAt: TestClock.today.adding(days: 20).iso + "T18:00",
                endsAt: TestClock.today.adding(days: 27).iso + "T08:00", access: .publicOnly))
            let site = try await app.serveOnLocalPort()
            defer { Task { await app.server.shutdown() } }
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                let uai = fixture.uaiA
                let group = try await app.sql.raw("""
                    SELECT id, name FROM groups WHERE establishment_id = \(bind: fixture.establishmentA) AND school_year_id = 1
                    AND kind = 'manual' AND lifetime = 'school_year' ORDER BY name, id LIMIT 1
                    """).first(decoding: Named.self)
                let absences = try await fixture.count("absences WHERE establishment_id = \(bind: fixture.establishmentA) AND school_year_id = 1")

                // act: the establishment's administrator
                try await browser.logIn(at: site, as: fixture.academy.adminA.login)
                try await browser.click("a[href='/etablissements/\(uai)/changement-d-annee']")
                try await browser.waitForPage { $0.hasSuffix("/changement-d-annee") }
                let dashboard = try await browser.text()
                try await browser.screenshot("tableau-de-bord")
                try await browser.click("#manual_groups input[value='\(try #require(group).id)']")
                try await browser.click("#manual_groups button[value='selection']")
                try await browser.waitForText("1 groupe passé en « Non limitée »")
                try await browser.click("form[action$='/changement-d-annee/export'] button")
                let zip = try await browser.download(named: ".zip")
                try await browser.clickUntilPage("form.logout button") { $0.hasSuffix("/connexion") }

                // act: the operator
                try await browser.logIn(at: site, as: fixture.academy.operatorAccount.login)
                try await browser.open("\(site)/console")
                try await browser.screenshot("console")
                try await browser.click("#uai-\(uai)")
                try await browser.click("button[name='portee'][value='selection']")
                try await browser.waitForText("Oui, lancer le changement")
                try await browser.click("button.danger")
                try await browser.waitForText("1 établissement changé, 0 retenu")
                try await browser.screenshot("console-suivi")
                try await browser.open("\(site)/etablissements/\(uai)/archives")
                let archives = try await browser.text()
                try await browser.screenshot("archives")

                // check
                #expect(dashboard.contains("Première fermeture dans 20 jours."))
                #expect(dashboard.contains("Groupes créés à la main, limités à l'année"))
                #expect(try await fixture.count("groups WHERE id = \(bind: group!.id) AND lifetime = 'unlimited'") == 1)
                let archive = try Archive(url: zip, accessMode: .read)
                var csv = Data()
                _ = try archive.extract(try #require(archive["absences/absences.csv"]), consumer: { csv.append($0) })
                #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
                #expect(String(decoding: csv, as: UTF8.self).split(separator: "\r\n").count == absences + 1)
                #expect(archive["index.html"] != nil && archive.contains { $0.path.hasPrefix("photos/") })
                #expect(archives.contains("Classes › Année précédente"))
                #expect(archives.contains("Cahier de textes 2025-2026, en lecture seule"))
            } catch {
                Issue.record(error)
            }
            await browser.close()
        }
    }

    struct Named: Decodable {
        let id: Int
        let name: String
    }
}
