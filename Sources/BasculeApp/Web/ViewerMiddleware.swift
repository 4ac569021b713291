import BasculeDomain
import BasculeStorage
import Fluent
import Vapor

extension Account: ModelSessionAuthenticatable {}

/// Loads the signed-in account's `Viewer` once per request, and applies the access calendar
/// there once: in an "everything closed" phase no page is served but the login (the operator
/// runs the change) and the API's session route; a profile the calendar closes the ENT to gets
/// its refusal from `req.viewer()`.
struct ViewerMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let account = request.auth.get(Account.self)
        var calendar: AccessCalendar?
        let path = request.url.path
        if path != "/connexion", path != "/api/v1/session", path != Page.stylesheetPath, account?.isOperator != true {
            let loaded = try await AccessCalendar.load(on: request.db)
            if let closure = loaded.publicPagesClosure(at: request.clock.now) { throw AccessClosed(closure: closure) }
            calendar = loaded
        }
        if let account, account.mustChangePassword, !PasswordChange.allowedPaths.contains(path) {
            // A password someone else gave is for choosing one's own, nothing else.
            guard !path.hasPrefix("/api/") else {
                throw Abort(.forbidden, reason: "Choisissez d'abord votre mot de passe (PUT /api/v1/me/password).")
            }
            return request.redirect(to: "/mot-de-passe")
        }
        if let account {
            let admitted: Result<Viewer, any Error>
            do {
                admitted = .success(try await Self.admit(account, calendar: calendar, now: request.clock.now, on: request.db))
            } catch {
                admitted = .failure(error)
            }
            request.storage[ViewerKey.self] = admitted
        }
        return try await next.respond(to: request)
    }

    /// The viewer of an account that may use the ENT now; throws otherwise (401 for an account
    /// that has left or cannot log in any more, `AccessClosed` when the calendar closes it).
    static func admit(_ account: Account, calendar: AccessCalendar? = nil, now: String, on db: any Database) async throws -> Viewer {
        guard account.state == .active, account.passwordHash != nil else {
            throw Abort(.unauthorized, reason: "Ce compte n'est plus actif.")
        }
        let viewer = try await ViewerStore(db: db).viewer(for: account)
        let calendar = if let calendar { calendar } else { try await AccessCalendar.load(on: db) }
        if let closure = calendar.closure(at: now, isOperator: viewer.isOperator, profiles: viewer.kindsByEstablishment) {
            throw AccessClosed(closure: closure)
        }
        return viewer
    }

    struct ViewerKey: StorageKey {
        typealias Value = Result<Viewer, any Error>
    }
}

extension Request {
    /// The signed-in viewer, or 401. An account that has left, cannot log in any more, or that
    /// the calendar blocks loses its open session here.
    func viewer() throws -> Viewer {
        guard let admitted = storage[ViewerMiddleware.ViewerKey.self] else {
            throw Abort(.unauthorized, reason: "Connexion requise.")
        }
        do {
            return try admitted.get()
        } catch let refusal as any AbortError {
            auth.logout(Account.self)
            session.destroy()
            throw refusal
        }
    }

    /// The viewer, if it runs the platform; 403 otherwise.
    func requireOperator(_ reason: String = "Réservé à l'opérateur de la plateforme.") throws -> Viewer {
        let viewer = try viewer()
        guard viewer.isOperator else { throw Abort(.forbidden, reason: reason) }
        return viewer
    }
}

extension Viewer.Failure: AbortError {
    public var status: HTTPResponseStatus { .notFound }
    public var reason: String { "Aucune année scolaire en cours." }
}
