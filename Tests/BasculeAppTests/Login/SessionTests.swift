import BasculeDomain
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// Sessions are Bascule's own: ids stored hashed, ended by the server when idle or too old, a
/// fresh anti-forgery token at login, `Secure` cookies behind https.
@Suite("Sessions")
struct SessionTests {
    func cookie(_ headers: HTTPHeaders) -> String { headers.cookie?["bascule_session"]?.string ?? "" }

    @Test("The database holds the SHA-256 of the session id, never the id itself")
    func hashedID() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            // act
            let id = cookie(try await app.logIn(academy.teacherA))
            let stored = try await app.sql.raw("SELECT id_sha256, data FROM sessions").all()
            let hashes = try stored.map { try $0.decode(column: "id_sha256", as: String.self) }
            // check
            let sha256 = SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(!id.isEmpty)
            #expect(hashes == [sha256])
            #expect(try stored.allSatisfy { try !$0.decode(column: "data", as: String.self).contains(id) })
        }
    }

    @Test("A session idle past BASCULE_SESSION_IDLE_MINUTES, or older than BASCULE_SESSION_MAX_HOURS though busy, is refused")
    func expiry() async throws {
        let time = MovingClock()
        try await withTestApp(clock: time.clock, settings: ["BASCULE_SESSION_IDLE_MINUTES": "30", "BASCULE_SESSION_MAX_HOURS": "2"]) { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let idle = try await app.logIn(academy.teacherA)
            // act
            time.advance(seconds: 29 * 60)
            let beforeIdle = try await app.status("api/v1/me", as: idle)
            time.advance(seconds: 31 * 60)
            let afterIdle = try await app.status("api/v1/me", as: idle)
            let busy = try await app.logIn(academy.teacherA)
            var whileYoung: [HTTPStatus] = []
            for _ in 0..<5 {
                time.advance(seconds: 20 * 60)
                whileYoung.append(try await app.status("api/v1/me", as: busy))
            }
            time.advance(seconds: 25 * 60)
            let tooOld = try await app.status("api/v1/me", as: busy)
            // check
            #expect(beforeIdle == .ok && afterIdle == .unauthorized)
            #expect(whileYoung == Array(repeating: .ok, count: 5))
            #expect(tooOld == .unauthorized)
        }
    }

    @Test("Logging in gives a new session id and a new anti-forgery token, even from an open session")
    func tokenChangesAtLogin() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let first = try await app.logIn(academy.teacherA)
            let before = try await app.csrfToken(as: first)
            // act
            var again = ""
            try await app.testing().test(.POST, "api/v1/session", headers: first, beforeRequest: { req in
                try req.content.encode(["login": academy.teacherA.login, "password": TestAcademy.password])
            }, afterResponse: { res in
                again = res.headers.setCookie?["bascule_session"]?.string ?? ""
            })
            var second = HTTPHeaders()
            second.cookie = ["bascule_session": .init(string: again)]
            let after = try await app.csrfToken(as: second)
            // check
            #expect(!before.isEmpty && !after.isEmpty)
            #expect(again != cookie(first))
            #expect(after != before)
            #expect(try await app.status("api/v1/me", as: first) == .unauthorized)
        }
    }

    @Test("The cookie is Secure when BASCULE_PUBLIC_URL is https, not when it is http")
    func secureFromPublicURL() async throws {
        for (url, secure) in [("https://ent.example.fr", true), ("http://localhost:8080", false)] {
            try await withTestApp(settings: ["BASCULE_PUBLIC_URL": url]) { app in
                // setup
                let academy = try await TestAcademy.make(app)
                // act
                var setCookie: HTTPCookies.Value?
                try await app.testing().test(.POST, "api/v1/session", beforeRequest: { req in
                    try req.content.encode(["login": academy.teacherA.login, "password": TestAcademy.password])
                }, afterResponse: { res in
                    setCookie = res.headers.setCookie?["bascule_session"]
                })
                // check
                #expect(setCookie?.isSecure == secure, "\(url)")
                #expect(setCookie?.isHTTPOnly == true && setCookie?.maxAge == 12 * 3600)
            }
        }
    }
}
