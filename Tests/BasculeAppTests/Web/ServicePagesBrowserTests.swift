import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The everyday pages as each profile lives them, in real headless Chromium: a student files
/// mail before the summer, a teacher gives homework the family then sees, an administrator
/// keeps a section, a parent writes in the carnet de liaison; the year then changes.
/// `BASCULE_SCREENSHOTS=dossier swift test --filter ServicePagesBrowser` keeps screenshots.
@Suite("Service pages end to end in headless Chromium", .enabled(if: TestEngine.runsBrowserTests))
struct ServicePagesBrowserTests {
    @Test("Student, teacher, parent and administrator each use their pages; what they kept survives the year change")
    func everydayPages() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let academy = fixture.academy
            let uai = fixture.uaiA
            let studentID = try academy.studentA.requireID()
            let teacherHeaders = try await app.logIn(academy.teacherA)
            for subject in ["Sortie au musée", "Devoir de français", "Réunion des délégués"] {
                let sent = try await app.call(.POST, "api/v1/mail/messages", as: teacherHeaders,
                                              encodable: MailAPI.Draft(subject: subject, body: "Texte", to: [studentID]))
                try #require(sent.status == .created)
            }
            let classID = try #require(try await DirectoryQueries(db: app.db).classes(ofStudent: studentID, yearID: 1).first?.requireID())
            let session = try await app.call(.POST, "api/v1/establishments/\(uai)/logbook_sessions", as: teacherHeaders, json: [
                "class_id": .int(classID), "held_on": .text("2026-06-12"), "slot": .text("10:00-11:00"), "content": .text("Les volcans"),
            ]).id
            let adminHeaders = try await app.logIn(academy.adminA)
            let section = try await SectionPagesTests.create("Club théâtre", temporary: true, uai: uai, as: adminHeaders, app)
            _ = try await app.submit("rubriques/\(section)/publications?etablissement=\(uai)", as: adminHeaders,
                                     fields: [("titre", "Spectacle de juin"), ("texte", "Le 26 juin à 18 h."), ("site_public", "oui")])
            let site = try await app.serveOnLocalPort()
            defer { Task { await app.server.shutdown() } }
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                // act: the student files two messages into a new folder
                try await browser.logIn(at: site, as: academy.studentA.login)
                try await browser.click("nav.site a[href='/messagerie']")
                try await browser.waitForText("Sortie au musée")
                try await browser.open("\(site)/messagerie/dossiers")
                try await browser.fill("#nom", "À garder")
                try await browser.click("#nouveau-dossier button")
                try await browser.waitForText("À garder")
                try await browser.open("\(site)/messagerie")
                for subject in ["Sortie au musée", "Devoir de français"] {
                    _ = try await browser.evaluate("""
                        [...document.querySelectorAll('ul.messages li')].find(li => li.innerText.includes('\(subject)')).querySelector('input').click()
                        """)
                }
                _ = try await browser.evaluate("""
                    (() => { const s = document.querySelector('#destination'); s.value = [...s.options].find(o => o.text.includes('À garder')).value })()
                    """)
                try await browser.click("#liste button[type='submit']")
                try await browser.waitForText("À garder (2)")
                try await browser.screenshot("messagerie-rangee")
                try await browser.clickUntilPage("form.logout button") { $0.hasSuffix("/connexion") }

                // act: the teacher gives homework in the session
                try await browser.logIn(at: site, as: academy.teacherA.login)
                try await browser.open("\(site)/cahier-de-textes/seances/\(session)?etablissement=\(uai)")
                try await browser.fill("#echeance", "2026-06-19")
                try await browser.fill("#travail", "Réviser la leçon sur les volcans")
                try await browser.click("#nouveau-devoir button")
                try await browser.waitForText("Travail à faire pour le vendredi 19\u{A0}juin 2026 donné.")
                try await browser.screenshot("seance-travail-donne")
                try await browser.clickUntilPage("form.logout button") { $0.hasSuffix("/connexion") }

                // act: the parent reads it and writes in the carnet de liaison
                try await browser.logIn(at: site, as: academy.parentA.login)
                try await browser.click("nav.site a[href='/cahier-de-textes']")
                try await browser.waitForText("Réviser la leçon sur les volcans")
                let byParent = try await browser.text()
                try await browser.click("nav.site a[href='/carnet-de-liaison']")
                try await browser.waitForText("Nouvelle conversation")
                try await browser.fill("#eleve", String(studentID))
                try await browser.fill("#objet", "Sortie scolaire")
                try await browser.fill("#message", "Pouvez-vous me dire l'heure du retour ?")
                try await browser.click("#nouvelle-conversation button")
                try await browser.waitForText("Conversation commencée.")
                try await browser.screenshot("carnet-de-liaison")
                try await browser.clickUntilPage("form.logout button") { $0.hasSuffix("/connexion") }

                // act: the administrator unticks « Rubrique temporaire »
                try await browser.logIn(at: site, as: academy.adminA.login)
                try await browser.click("nav.site a[href='/rubriques']")
                try await browser.waitForText("Club théâtre")
                try await browser.click("a[href^='/rubriques/\(section)?']")
                try await browser.waitForPage { $0.contains("/rubriques/\(section)?") }
                try await browser.click("a[href^='/rubriques/\(section)/parametres']")
                try await browser.waitForPage { $0.contains("/rubriques/\(section)/parametres") }
                try await browser.click("#temporaire")
                try await browser.click("#parametres button")
                try await browser.waitForText("la rubrique sera gardée au changement d'année")
                try await browser.screenshot("rubrique-parametres")
                try await browser.clickUntilPage("form.logout button") { $0.hasSuffix("/connexion") }

                // act: the change, then the student's mail and the public site
                _ = try await fixture.run()
                try await browser.logIn(at: site, as: academy.studentA.login)
                try await browser.open("\(site)/messagerie")
                try await browser.waitForText("À garder (2)")
                let inbox = try await browser.text()
                try await browser.open("\(site)/etablissements/\(uai)")
                let publicSite = try await browser.text()
                try await browser.screenshot("site-public-apres")

                // check
                #expect(byParent.contains("Vendredi 19\u{A0}juin 2026"), "\(byParent.prefix(2000))")
                #expect(!inbox.contains("Réunion des délégués"))
                #expect(publicSite.contains("Spectacle de juin"))
                #expect(try await fixture.count("liaison_conversations WHERE subject = 'Sortie scolaire' AND student_id = \(bind: studentID)") == 1)
                #expect(try await fixture.count("mail_deliveries d JOIN mail_folders f ON f.id = d.folder_id WHERE f.name = 'À garder'") == 2)
            } catch {
                Issue.record(error)
            }
            await browser.close()
        }
    }
}
