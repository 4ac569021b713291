import Foundation
import Testing
import Vapor
@testable import BasculeApp

/// Bcrypt runs on its own bounded pool: wrong passwords sent in a loop wait for it, not for the
/// database, and once it is full the next login is told to come back (issue: "anyone can stall
/// the server through the login").
@Suite("Login: bcrypt on its own bounded pool")
struct PasswordHashingTests {
    @Test("While the pool is full a login gets 503 with Retry-After, in French; once free, it goes through")
    func saturated() async throws {
        try await withTestApp(settings: ["BASCULE_BCRYPT_THREADS": "1", "BASCULE_BCRYPT_QUEUE": "0"]) { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            let busy = Task { try await app.passwordHashing.run { started.signal(); release.wait() } }
            await Task.detached { started.wait() }.value
            // act
            let refused = try await app.call(.POST, "api/v1/session", as: HTTPHeaders(),
                                             json: ["login": .text(academy.teacherA.login), "password": .text(TestAcademy.password)])
            let refusedForm = try await app.submit("connexion", as: HTTPHeaders(),
                                                   fields: [("login", academy.teacherA.login), ("password", "faux")], withToken: false)
            release.signal()
            try await busy.value
            let admitted = try await app.logIn(academy.teacherA)
            // check
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers.first(name: "Retry-After") == "5")
            #expect(refused.body.string.contains("réessayez dans quelques secondes"))
            #expect(refusedForm.status == .serviceUnavailable && refusedForm.headers.first(name: "Retry-After") == "5")
            #expect(try await app.status("api/v1/me", as: admitted) == .ok)
        }
    }

    @Test("Hashing and checking go through the pool and agree")
    func hashAndVerify() async throws {
        try await withTestApp { app in
            // act
            let hash = try await app.passwordHashing.run { try Bcrypt.hash("cheval-agrafe-pile", cost: 4) }
            // check
            #expect(try await app.passwordHashing.verify("cheval-agrafe-pile", created: hash))
            #expect(try await !app.passwordHashing.verify("autre", created: hash))
        }
    }
}
