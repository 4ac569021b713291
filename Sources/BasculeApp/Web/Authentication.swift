import BasculeDomain
import BasculeStorage
import Vapor

enum Authentication {
    /// A bcrypt hash of nothing anyone knows, checked when the login is unknown so that an
    /// unknown login and a wrong password take the same time.
    private static let decoyHash = "$2b$12$KIXQJQ0wV6r3ZbqzH9Y7eOgC9sC8oYfWc0l1VtH0xkQ1E1q9yH3Gm"

    /// The account for these credentials, if the password matches and the account may log in.
    /// Throws `LoginThrottle.Refusal` (429) while the login or the address waits, before any
    /// bcrypt, and `PasswordHashing.Saturated` (503) when bcrypt's pool is full.
    static func verify(login: String, password: String, on req: Request) async throws -> Account? {
        let account = try await ViewerStore(db: req.db).account(login: login)
        let throttle = LoginThrottle(login: login, account: account, on: req)
        try await throttle.check()
        guard let account, let hash = account.passwordHash else {
            // A full pool refuses this login as it would a known one; nothing else is told.
            do { _ = try await req.passwordHashing.verify(password, created: decoyHash) } catch let full as PasswordHashing.Saturated { throw full } catch {}
            try await throttle.failed(account: nil)
            return nil
        }
        guard try await req.passwordHashing.verify(password, created: hash) else {
            try await throttle.failed(account: account)
            return nil
        }
        try await throttle.succeeded(login: login)
        return account.state == .active ? account : nil
    }

    /// Signs the account in under a fresh session id and empty session data, so that a session
    /// id (or token) planted before the login is worth nothing after it; refuses (`AccessClosed`) if the calendar closes the
    /// ENT to this person now.
    @discardableResult
    static func startSession(for account: Account, on req: Request) async throws -> Viewer {
        let viewer = try await ViewerMiddleware.admit(account, now: req.clock.now, on: req.db)
        if let oldID = req.session.id {
            try await req.application.sessions.driver.deleteSession(oldID, for: req).get()
            req.session.id = nil
        }
        // Nothing of the visitor's session follows them in: a new anti-forgery token above all.
        req.session.data = SessionData()
        req.auth.login(account)
        return viewer
    }
}
