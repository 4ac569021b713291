import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// The operator lifts login locks: `/console/verrous` (a list with a button per account) and
/// the API. The store checks that the viewer is the operator, like every store does.
struct LoginLocks: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("login-locks", use: list)
        api.delete("accounts", ":id", "login-lock", use: unlockAPI)
        let console = routes.grouped("console", "verrous")
        console.get(use: page)
        console.grouped(CSRFMiddleware()).post(":id", "suppression", use: unlockForm)
    }

    /// A lock as the API shows it.
    struct LockDTO: Content {
        let accountID: Int
        let login: String
        let displayName: String
        let failures: Int
        let until: String
    }

    func list(req: Request) async throws -> [LockDTO] {
        try await LoginThrottleStore(db: req.db).locks(by: req.viewer(), now: req.clock.epochSeconds).map {
            LockDTO(accountID: $0.accountID, login: $0.login, displayName: $0.displayName, failures: $0.failures, until: Self.instant($0.until))
        }
    }

    static func instant(_ seconds: Int) -> String { CalendarDate.instant(Date(timeIntervalSince1970: TimeInterval(seconds))) }

    func unlockAPI(req: Request) async throws -> HTTPStatus {
        try await LoginThrottleStore(db: req.db).unlock(accountID: req.parameters.require("id", as: Int.self), by: req.viewer())
        return .noContent
    }

    func unlockForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let unlocked = try await LoginThrottleStore(db: req.db).unlock(accountID: id, by: req.viewer())
        return req.redirect(to: "/console/verrous", notice: unlocked ? "Compte \(id) déverrouillé." : "Le compte \(id) n'était pas verrouillé.")
    }

    func page(req: Request) async throws -> Response {
        let viewer = try req.requireOperator(OperatorConsole.operatorOnly)
        let locks = try await LoginThrottleStore(db: req.db).locks(by: viewer, now: req.clock.epochSeconds)
        let context = req.pageContext(viewer)
        return Page(title: "Comptes verrouillés", context: context) {
            Paragraph { Link("← Console", url: "/console") }
            Paragraph("Un compte se verrouille après \(LoginThrottlePolicy.account.steps.last?.failures ?? 0) mots de passe erronés "
                      + "de suite\u{A0}; son titulaire en est prévenu dans sa messagerie.").class("muted")
            if locks.isEmpty {
                Paragraph("Aucun compte verrouillé.")
            }
            List(locks) { lock in
                ListItem {
                    Text("\(lock.displayName) (\(lock.login)) — \(French.count(lock.failures, "essai")), jusqu'au "
                         + AccessClosed.french(Self.instant(lock.until)))
                    EstablishmentPages.button("Déverrouiller", action: "/console/verrous/\(lock.accountID)/suppression",
                                              csrf: context.csrf)
                }
            }
        }.response()
    }
}
