import BasculeDomain
import BasculeStorage
import Vapor

/// The login's side of `LoginThrottlePolicy`: a waiting login is refused before any bcrypt, a
/// failure is counted against the login and the client address, and the lock it may start is
/// told to the account's owner.
struct LoginThrottle {
    let req: Request
    let keys: [LoginThrottleStore.Key]
    var store: LoginThrottleStore { LoginThrottleStore(db: req.db) }
    var now: Int { req.clock.epochSeconds }

    init(login: String, account: Account?, on req: Request) {
        self.req = req
        keys = [.login(login, accountID: account?.id), .address(req.clientAddress)]
    }

    /// Throws `Refusal` while a wait runs.
    func check() async throws {
        if let wait = try await store.wait(for: keys, now: now) { throw Refusal(wait: wait, now: now) }
    }

    func failed(account: Account?) async throws {
        let wait = try await store.recordFailure(keys, now: now)
        guard let wait, wait.isLock, wait.scope == .account, let id = account?.id else { return }
        let until = AccessClosed.french(LoginLocks.instant(wait.until))
        try await MailStore.fromPlatform(
            to: id, subject: "Votre compte a été verrouillé",
            body: """
                Après trop d'essais de mot de passe erronés, votre compte est verrouillé jusqu'au \(until). \
                Si ce n'était pas vous, quelqu'un cherche votre mot de passe\u{A0}: changez-le dès votre prochaine \
                connexion, et prévenez l'administrateur de l'ENT de votre établissement.
                """,
            at: req.clock.now, on: req.db)
    }

    func succeeded(login: String) async throws {
        try await store.forget(login: login)
    }

    /// 429 with `Retry-After`: the wait, or the lock, and what to do.
    struct Refusal: AbortError {
        let wait: LoginThrottleStore.Wait
        let now: Int

        var status: HTTPResponseStatus { .tooManyRequests }
        var headers: HTTPHeaders { ["Retry-After": String(max(1, wait.until - now))] }

        var reason: String {
            let seconds = max(1, wait.until - now)
            let delay = seconds < 120 ? French.count(seconds, "seconde") : French.count((seconds + 59) / 60, "minute")
            switch (wait.scope, wait.isLock) {
            case (.account, true):
                return "Ce compte est verrouillé après trop d'essais de mot de passe, pour \(delay) encore. "
                    + "Son titulaire en a été prévenu\u{A0}; l'opérateur de la plateforme peut le déverrouiller."
            case (.address, true):
                return "Trop d'essais de connexion depuis cette adresse\u{A0}: elles sont suspendues pour \(delay)."
            case (_, false):
                return "Trop d'essais de mot de passe\u{A0}: réessayez dans \(delay)."
            }
        }
    }
}

extension Request {
    /// The client: the socket's peer, or behind our own proxy (`BASCULE_TRUSTED_PROXY`) the last
    /// `X-Forwarded-For` hop, the one that proxy wrote (the hops before it are the client's say).
    var clientAddress: String {
        if application.configuration.trustsProxy,
           let hop = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !hop.isEmpty {
            return hop
        }
        return remoteAddress?.ipAddress ?? "inconnue"
    }
}
