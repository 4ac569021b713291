import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Favourites and preferences: links one keeps (never a script), and the preference the mailbox reads")
struct PersonalPagesTests {
    @Test("A parent keeps a site and a page of Bascule on the home page; a script or an address that leaves by // is refused, what was typed kept")
    func favourites() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let parent = try await app.logIn(academy.parentA)
            let owner = try academy.parentA.requireID()
            // act
            let site = try await app.submit("favoris", as: parent, fields: [("titre", "Pronote <i>"), ("adresse", "https://example.org/a?b=1&c=\"2\"")])
            let page = try await app.submit("favoris", as: parent, fields: [("titre", "Mon agenda"), ("adresse", "/agenda")])
            var refused: [HTTPStatus] = []
            var kept = true
            for address in ["javascript:alert(1)", "//evil.example", "data:text/html,x", "https://", "https://a b"] {
                let response = try await app.submit("favoris", as: parent, fields: [("titre", "Piège"), ("adresse", address)])
                refused.append(response.status)
                kept = kept && response.body.string.contains("value=\"Piège\"")
            }
            let home = try await app.call(.GET, "accueil", as: parent).body.string
            let stored = try await app.sql.raw("SELECT url FROM favourites WHERE account_id = \(bind: owner) ORDER BY title")
                .all(decodingColumn: "url", as: String.self)
            // check
            #expect(site.status == .seeOther && page.status == .seeOther)
            #expect(refused.allSatisfy { $0 == .badRequest } && kept)
            #expect(stored == ["/agenda", "https://example.org/a?b=1&c=\"2\""])
            #expect(home.contains("href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\"") && home.contains("Pronote &lt;i&gt;"))
            #expect(home.contains("rel=\"noopener noreferrer\"") && home.contains("href=\"/agenda\""))
        }
    }

    @Test("Ten messages per page: the preference is kept and the inbox lists ten; an unknown value is refused")
    func itemsPerPage() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app, withActivity: true)
            let teacher = try await app.logIn(academy.teacherA)
            let inbox = try await app.sql.raw("""
                SELECT COUNT(*) AS n FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id
                WHERE d.account_id = \(bind: try academy.teacherA.requireID()) AND d.folder_id IS NULL AND d.is_archived = \(bind: false)
                AND m.sender_id IS DISTINCT FROM d.account_id
                """).first(decodingColumn: "n", as: Int.self) ?? 0
            func listed() async throws -> Int {
                try await app.call(.GET, "messagerie", as: teacher).body.string.components(separatedBy: "name=\"livraisons[]\"").count - 1
            }
            let before = try await listed()
            // act
            let saved = try await app.submit("preferences", as: teacher, fields: [("elements_par_page", "10")])
            let after = try await listed()
            let unknown = try await app.submit("preferences", as: teacher, fields: [("elements_par_page", "7")])
            let page = try await app.call(.GET, "preferences", as: teacher).body.string
            // check
            #expect(inbox > 25)
            #expect(before == 25 && saved.status == .seeOther && after == 10)
            #expect(unknown.status == .badRequest)
            #expect(page.contains("<option value=\"10\" selected=\"selected\">10</option>"))
        }
    }
}
