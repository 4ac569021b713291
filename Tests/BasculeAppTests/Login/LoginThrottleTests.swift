import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
@testable import BasculeApp

/// A clock the test moves on, to wait out the throttle's delays.
final class MovingClock: Sendable {
    private let moment = Mutex(ISO8601DateFormatter().date(from: "2026-06-15T08:00:00Z")!)

    var clock: WallClock { WallClock { self.moment.withLock { $0 } } }

    func advance(seconds: Int) {
        moment.withLock { $0 += TimeInterval(seconds) }
    }
}

/// Failed logins wait, then lock, per account and per address, in the database (issue: "300
/// wrong passwords then the right one is accepted at once").
@Suite("Login throttling")
struct LoginThrottleTests {
    func attempt(_ app: Application, _ login: String, _ password: String, from address: String? = nil) async throws -> TestResponse {
        var headers = HTTPHeaders()
        if let address { headers.add(name: .xForwardedFor, value: "10.9.9.9, \(address)") }
        return try await app.call(.POST, "api/v1/session", as: headers, json: ["login": .text(login), "password": .text(password)])
    }

    /// Wrong passwords, waiting out each delay, until the lock: the failures counted and the lock's answer.
    func untilLocked(_ time: MovingClock, _ wrong: () async throws -> TestResponse) async throws -> (Int, TestResponse) {
        var failures = 0
        for _ in 0..<40 {
            let response = try await wrong()
            if response.status == .unauthorized { failures += 1; continue }
            if response.body.string.contains("verrouillé") { return (failures, response) }
            time.advance(seconds: Int(response.headers.first(name: "Retry-After") ?? "0") ?? 0)
        }
        return (failures, TestResponse(status: .imATeapot, body: ByteBuffer()))
    }

    @Test("300 wrong passwords then the right one: only the first 3 are checked, the rest and the right one wait (429, Retry-After)")
    func hammered() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let login = academy.teacherA.login
            // act
            var statuses: [HTTPStatus] = []
            for _ in 0..<300 { statuses.append(try await attempt(app, login, "mauvais").status) }
            let right = try await attempt(app, login.uppercased(), TestAcademy.password)
            // check
            #expect(statuses.prefix(3).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(3).allSatisfy { $0 == .tooManyRequests })
            #expect(right.status == .tooManyRequests && right.headers.first(name: "Retry-After") == "5")
            #expect(right.body.string.contains("réessayez dans 5 secondes"))
        }
    }

    @Test("Waiting out the delays reaches the lock: the owner gets a mail, the operator lifts it, the right password then works")
    func lockNoticeUnlock() async throws {
        let time = MovingClock()
        try await withTestApp(clock: time.clock) { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let login = academy.teacherA.login
            let id = try academy.teacherA.requireID()
            // act
            let (failures, last) = try await untilLocked(time) { try await attempt(app, login, "mauvais") }
            let whileLocked = try await attempt(app, login, TestAcademy.password)
            let staff = try await app.logIn(academy.staffA)
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let locks = try await app.call(.GET, "api/v1/login-locks", as: operatorHeaders).decode([LoginLocks.LockDTO].self)
            let byOther = try await app.call(.DELETE, "api/v1/accounts/\(id)/login-lock", as: staff).status
            let byOperator = try await app.call(.DELETE, "api/v1/accounts/\(id)/login-lock", as: operatorHeaders).status
            let afterUnlock = try await attempt(app, login, TestAcademy.password)
            let teacher = try await app.logIn(academy.teacherA)
            let inbox = try await app.call(.GET, "api/v1/mail/inbox", as: teacher).decode([MailAPI.Summary].self)
            // check
            #expect(failures == LoginThrottlePolicy.account.steps.last!.failures)
            #expect(last.status == .tooManyRequests && Int(last.headers.first(name: "Retry-After") ?? "") == 30 * 60)
            #expect(whileLocked.status == .tooManyRequests && whileLocked.body.string.contains("verrouillé"))
            #expect(locks.map(\.accountID) == [id])
            #expect(byOther == .forbidden && byOperator == .noContent)
            #expect(afterUnlock.status == .ok)
            #expect(inbox.filter { $0.subject == "Votre compte a été verrouillé" && $0.senderID == nil }.count == 1)
        }
    }

    @Test("The form waits too, showing the login page with the delay; the console's button lifts a lock")
    func formAndConsole() async throws {
        let time = MovingClock()
        try await withTestApp(clock: time.clock) { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let login = academy.studentA.login
            func form(_ password: String) async throws -> TestResponse {
                try await app.submit("connexion", as: HTTPHeaders(), fields: [("login", login), ("password", password)], withToken: false)
            }
            // act
            var statuses: [HTTPStatus] = []
            for _ in 0..<4 { statuses.append(try await form("mauvais").status) }
            let waiting = try await form(TestAcademy.password)
            _ = try await untilLocked(time) { try await form("mauvais") }
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let page = try await app.call(.GET, "console/verrous", as: operatorHeaders).body.string
            let button = try await app.submit("console/verrous/\(academy.studentA.requireID())/suppression", as: operatorHeaders)
            let afterUnlock = try await form(TestAcademy.password)
            // check
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            #expect(waiting.status == .tooManyRequests && waiting.headers.first(name: "Retry-After") != nil)
            #expect(waiting.body.string.contains("Trop d'essais de mot de passe") && waiting.body.string.contains("name=\"password\""))
            #expect(page.contains(login) && page.contains("Déverrouiller"))
            #expect(button.status == .seeOther)
            #expect(afterUnlock.status == .seeOther)
        }
    }

    @Test("Behind a trusted proxy the last X-Forwarded-For hop is the address: 30 failures from it make it wait, another address does not")
    func perAddress() async throws {
        try await withTestApp(settings: ["BASCULE_TRUSTED_PROXY": "true"]) { app in
            // setup
            let academy = try await TestAcademy.make(app)
            // act
            for n in 0..<30 { _ = try await attempt(app, "inconnu\(n)", "mauvais", from: "203.0.113.7") }
            let sameAddress = try await attempt(app, academy.teacherA.login, TestAcademy.password, from: "203.0.113.7")
            let otherAddress = try await attempt(app, academy.teacherA.login, TestAcademy.password, from: "198.51.100.2")
            // check
            #expect(sameAddress.status == .tooManyRequests)
            #expect(otherAddress.status == .ok)
        }
    }

    @Test("Counts the policies have forgotten are deleted as failures come: made-up logins do not grow the table for ever")
    func forgottenCountsDeleted() async throws {
        let time = MovingClock()
        try await withTestApp(clock: time.clock) { app in
            // setup
            _ = try await TestAcademy.make(app)
            for n in 0..<20 { _ = try await attempt(app, "inconnu\(n)", "mauvais") }
            let rows = { try await app.sql.raw("SELECT COUNT(*) AS n FROM login_throttles").first(decodingColumn: "n", as: Int.self) ?? 0 }
            let before = try await rows()
            // act
            time.advance(seconds: 2 * 3600)
            _ = try await attempt(app, "inconnu-tard", "mauvais")
            // check
            #expect(before >= 20)
            #expect(try await rows() <= 2, "only the last attempt's login (and address) are left")
        }
    }
}
