import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// Every response carries the headers that keep pages from being framed, sniffed or cached for
/// the next person, and a name from the feed never reaches a page unescaped (issue 13,
/// findings 7 and 10).
@Suite("Security headers and escaped titles")
struct SecurityHeadersTests {
    @Test("Pages, errors and the API carry a strict policy, nosniff and same-origin referrers; signed-in responses are not stored")
    func headers() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            // act
            let login = try await app.call(.GET, "connexion", as: HTTPHeaders())
            let missing = try await app.call(.GET, "nulle-part", as: HTTPHeaders())
            let home = try await app.call(.GET, "accueil", as: student)
            let api = try await app.call(.GET, "api/v1/me", as: student)
            let stylesheet = try await app.call(.GET, "bascule.css", as: HTTPHeaders())
            // check
            for response in [login, missing, home, api] {
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'") && !policy.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
            #expect(home.headers.first(name: .cacheControl) == "no-store" && api.headers.first(name: .cacheControl) == "no-store")
            #expect(!home.body.string.contains("<style") && home.body.string.contains("href=\"/bascule.css\""))
            #expect(!home.body.string.contains("<script"))
            #expect(stylesheet.status == .ok && stylesheet.headers.contentType?.subType == "css")
            #expect(stylesheet.body.string.contains("--accent"))
        }
    }

    @Test("An establishment's name from the feed is escaped in the page's title and nowhere written raw")
    func hostileNameEscaped() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let hostile = "Collège \"><script>alert(1)</script><meta x=\""
            try await app.sql.raw("UPDATE establishments SET name = \(bind: hostile) WHERE id = \(bind: academy.establishmentA.requireID())").run()
            let admin = try await app.logIn(academy.adminA)
            // act
            let pages = [
                try await app.call(.GET, "etablissements/\(academy.establishmentA.uai.code)", as: HTTPHeaders()),
                try await app.call(.GET, "accueil", as: admin),
                try await app.call(.GET, "etablissements/\(academy.establishmentA.uai.code)/changement-d-annee", as: admin),
            ]
            // check
            for page in pages {
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("<script>alert(1)</script>"))
                #expect(!page.body.string.contains("og:title"))
            }
            #expect(pages[0].body.string.contains("<title>Collège \"&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}

@Suite("Server: idle connections are closed")
struct ServerTimeoutTests {
    @Test("The server closes a connection idle for 75 seconds")
    func idleTimeout() async throws {
        try await withTestApp { app in
            #expect(app.http.server.configuration.idleTimeout == .seconds(75))
        }
    }
}

@Suite("Request log: a URL cannot forge a line")
struct RequestLogTests {
    @Test("Control characters of a path are escaped, the rest kept")
    func escaped() {
        #expect(RequestLogMiddleware.escaped("/a\n[ERROR] faux\u{1B}[31m") == "/a\\u{a}[ERROR] faux\\u{1b}[31m")
        #expect(RequestLogMiddleware.escaped("/établissements/0750654D") == "/établissements/0750654D")
    }
}
