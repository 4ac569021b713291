import BasculeDomain
import BasculeStorage
import Vapor

/// Changing one's password and resetting someone's, for the page and the API alike: the
/// current password is checked like a login (throttled, on bcrypt's pool), the new one
/// against `PasswordRule`.
enum PasswordChange {
    struct Refused: AbortError {
        let status: HTTPResponseStatus
        let reason: String
    }

    /// Sets the signed-in person's password; throws `Refused` with what is wrong, in French.
    static func change(current: String, new: String, on req: Request) async throws {
        let viewer = try req.viewer()
        guard let account = req.auth.get(Account.self), let hash = account.passwordHash else {
            throw Abort(.unauthorized, reason: "Connexion requise.")
        }
        let throttle = LoginThrottle(login: account.login, account: account, on: req)
        try await throttle.check()
        guard try await req.passwordHashing.verify(current, created: hash) else {
            try await throttle.failed(account: account)
            throw Refused(status: .forbidden, reason: "Le mot de passe actuel est incorrect.")
        }
        let problems = PasswordRule.problems(new, login: account.login)
        guard problems.isEmpty else { throw Refused(status: .badRequest, reason: problems.joined(separator: " ")) }
        try await PasswordStore(viewer: viewer, db: req.db).setOwn(hash: try await req.passwordHashing.hash(new))
    }

    /// A temporary password for the account, shown once to the administrator who asked.
    static func reset(accountID: Int, on req: Request) async throws -> String {
        let temporary = temporaryPassword()
        try await PasswordStore(viewer: try req.viewer(), db: req.db).reset(accountID: accountID) {
            try await req.passwordHashing.hash(temporary)
        }
        return temporary
    }

    /// Four groups of four, from letters and digits no one misreads, until `PasswordRule` agrees.
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        while true {
            let groups = (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement()! }) }
            let password = groups.joined(separator: "-")
            if PasswordRule.problems(password, login: "").isEmpty { return password }
        }
    }

    /// Before choosing their own password, a person whose password was given may only reach these.
    static let allowedPaths: Set<String> = ["/mot-de-passe", "/api/v1/me/password", "/deconnexion", "/api/v1/session", Page.stylesheetPath]
}
