import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Year-change dashboard: one-click actions and recomputed ticks")
struct YearChangeDashboardActionsTests {
    @Test("Keeping the ticked groups, then all of them, ticks the item; ids of another establishment are ignored")
    func keepGroups() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let admin = try await app.logIn(fixture.academy.adminA)
            let limited = "groups WHERE kind = 'manual' AND lifetime = 'school_year' AND school_year_id = 1"
            let ownGroups = try await app.sql.raw("SELECT id FROM \(unsafeRaw: limited) AND establishment_id = \(bind: fixture.establishmentA) ORDER BY id")
                .all(decodingColumn: "id", as: Int.self)
            let otherGroup = try await app.sql.raw("SELECT id FROM \(unsafeRaw: limited) AND establishment_id <> \(bind: fixture.establishmentA) ORDER BY id")
                .first(decodingColumn: "id", as: Int.self)!
            try #require(ownGroups.count >= 2)
            let path = "etablissements/\(fixture.uaiA)/changement-d-annee/conserver/manual_groups"
            // act
            let one = try await app.submit(path, as: admin, fields: [("ids[]", String(ownGroups[0])), ("ids[]", String(otherGroup)),
                                                                     ("portee", "selection")])
            let afterOne = try await fixture.count("\(unsafeRaw: limited) AND establishment_id = \(bind: fixture.establishmentA)")
            let pageBefore = try await app.call(.GET, "etablissements/\(fixture.uaiA)/changement-d-annee", as: admin).body.string
            let all = try await app.submit(path, as: admin, fields: [("portee", "tous")])
            let page = try await app.call(.GET, "etablissements/\(fixture.uaiA)/changement-d-annee", as: admin).body.string
            // check
            #expect(one.status == .seeOther)
            #expect(afterOne == ownGroups.count - 1)
            #expect(try await fixture.count("groups WHERE id = \(bind: otherGroup) AND lifetime = 'school_year'") == 1)
            #expect(pageBefore.contains("1 groupe passé en « Non limitée » : il sera conservé."))
            #expect(all.status == .seeOther)
            #expect(try await fixture.count("\(unsafeRaw: limited) AND establishment_id = \(bind: fixture.establishmentA)") == 0)
            #expect(try await fixture.count("\(unsafeRaw: limited) AND establishment_id <> \(bind: fixture.establishmentA)") > 0)
            let card = try #require(page.range(of: "id=\"manual_groups\"")).upperBound
            #expect(page[card...].prefix(400).contains("✔ Fait"))
        }
    }

    @Test("Accounts become perennial and temporary sections stay in place; the change then keeps them")
    func keepAccountsAndSections() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let head = try await app.logIn(fixture.academy.headA)
            let base = "etablissements/\(fixture.uaiA)/changement-d-annee/conserver/"
            let temporary = "sections WHERE establishment_id = \(fixture.establishmentA) AND kind = 'standard' AND is_temporary = \(true)"
            let manual = "accounts a WHERE source = 'manual' AND is_perennial = \(false) AND EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id = \(fixture.establishmentA))"
            let sectionsBefore = try await fixture.count("\(unsafeRaw: temporary)")
            try #require(sectionsBefore > 0)
            // act
            let accounts = try await app.submit(base + "manual_accounts", as: head, fields: [("portee", "tous")])
            let sections = try await app.submit(base + "temporary_sections", as: head, fields: [("portee", "tous")])
            let unknown = try await app.submit(base + "everything", as: head, fields: [("portee", "tous")])
            _ = try await fixture.run()
            // check
            #expect(accounts.status == .seeOther && sections.status == .seeOther && unknown.status == .notFound)
            #expect(try await fixture.count("\(unsafeRaw: manual)") == 0)
            #expect(try await fixture.count("\(unsafeRaw: temporary)") == 0)
            #expect(try await fixture.count("sections s WHERE s.establishment_id = \(bind: fixture.establishmentA) AND s.kind = 'standard' AND s.parent_id IN (SELECT id FROM sections WHERE kind = 'archive')") == 0)
            let late = try await app.submit(base + "manual_groups", as: head, fields: [("portee", "tous")])
            #expect(late.status == .conflict)
        }
    }

    @Test("A form without the session's token is refused and changes nothing")
    func forgedForm() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let admin = try await app.logIn(fixture.academy.adminA)
            let before = try await fixture.checksum()
            // act
            let forged = try await app.submit("etablissements/\(fixture.uaiA)/changement-d-annee/conserver/manual_groups",
                                              as: admin, fields: [("portee", "tous"), ("_csrf", "deviné")], withToken: false)
            let logout = try await app.submit("deconnexion", as: admin, withToken: false)
            // check
            #expect(forged.status == .forbidden && logout.status == .forbidden)
            #expect(try await fixture.checksum() == before)
        }
    }

    @Test("A write sent by a browser from another site is refused, even with a valid session: forms and JSON API alike")
    func crossSite() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let operatorHeaders = try await app.logIn(fixture.academy.operatorAccount)
            let before = try await fixture.checksum()
            var fromElsewhere = operatorHeaders
            fromElsewhere.add(name: "Sec-Fetch-Site", value: "cross-site")
            var otherOrigin = operatorHeaders
            otherOrigin.add(name: .origin, value: "https://evil.example")
            var sameOrigin = operatorHeaders
            sameOrigin.add(name: .origin, value: "http://localhost:8080")
            sameOrigin.replaceOrAdd(name: .host, value: "localhost:8080")
            // act
            let api = try await app.call(.POST, "api/v1/year-change/runs", as: fromElsewhere,
                                         json: ["from": .text("2025-2026"), "confirm": .bool(true)])
            let form = try await app.submit("etablissements/\(fixture.uaiA)/changement-d-annee/conserver/manual_groups",
                                            as: otherOrigin, fields: [("portee", "tous")])
            let checksumAfterRefusals = try await fixture.checksum()
            let allowed = try await app.submit("etablissements/\(fixture.uaiA)/changement-d-annee/conserver/manual_groups",
                                               as: sameOrigin, fields: [("portee", "tous")])
            // check
            #expect(api.status == .forbidden && form.status == .forbidden)
            #expect(checksumAfterRefusals == before)
            #expect(allowed.status == .seeOther)
        }
    }

    @Test("Notifying mails every holder of unfiled inbox messages once, and ticks the item")
    func notifyUnfiledInbox() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let admin = try await app.logIn(fixture.academy.adminA)
            let holders = try await fixture.count("""
                (SELECT DISTINCT p.account_id FROM profiles p WHERE p.establishment_id = \(bind: fixture.establishmentA) AND EXISTS (
                SELECT 1 FROM mail_deliveries d WHERE d.account_id = p.account_id AND d.school_year_id = 1 AND d.folder_id IS NULL
                AND d.is_archived = \(bind: false))) h
                """)
            try #require(holders > 1)
            let before = try await app.call(.GET, "etablissements/\(fixture.uaiA)/changement-d-annee", as: admin).body.string
            // act
            let sent = try await app.submit("etablissements/\(fixture.uaiA)/changement-d-annee/prevenir", as: admin)
            let page = try await app.call(.GET, "etablissements/\(fixture.uaiA)/changement-d-annee", as: admin).body.string
            // check
            #expect(sent.status == .seeOther)
            let message = try await app.sql.raw("SELECT id FROM mail_messages WHERE subject = \(bind: "Changement d'année : classez vos messages")")
                .all(decodingColumn: "id", as: Int.self)
            #expect(message.count == 1)
            #expect(try await fixture.count("mail_deliveries WHERE message_id = \(bind: message[0])") == holders)
            #expect(try await fixture.count("mail_messages WHERE id = \(bind: message[0]) AND sender_id = \(bind: fixture.academy.adminA.requireID())") == 1)
            #expect(page.contains("\(holders) personnes prévenues par la messagerie."))
            let card = { (html: String) in String(html[html.range(of: "id=\"unfiled_inbox\"")!.upperBound...].prefix(300)) }
            #expect(card(before).contains("À faire"))
            #expect(card(page).contains("✔ Fait"))
        }
    }
}
