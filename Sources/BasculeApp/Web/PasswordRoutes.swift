import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// `/mot-de-passe` (the form), `PUT /api/v1/me/password` and, for an establishment's
/// administrators, `POST /api/v1/accounts/{id}/password-reset`.
struct PasswordRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mot-de-passe", use: page)
        routes.grouped(CSRFMiddleware()).post("mot-de-passe", use: submit)
        let api = routes.grouped("api", "v1")
        api.put("me", "password", use: changeAPI)
        api.post("accounts", ":id", "password-reset", use: resetAPI)
    }

    struct Change: Content {
        let currentPassword: String
        let newPassword: String
    }

    struct Form: Content {
        let actuel: String
        let nouveau: String
        let confirmation: String
    }

    struct Reset: Content {
        let temporaryPassword: String
    }

    func changeAPI(req: Request) async throws -> HTTPStatus {
        let change = try req.content.decode(Change.self)
        try await PasswordChange.change(current: change.currentPassword, new: change.newPassword, on: req)
        return .noContent
    }

    func resetAPI(req: Request) async throws -> Reset {
        Reset(temporaryPassword: try await PasswordChange.reset(accountID: req.parameters.require("id", as: Int.self), on: req))
    }

    func page(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        return render(req, viewer: viewer, error: nil, status: .ok)
    }

    func submit(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let form = try req.content.decode(Form.self)
        guard form.nouveau == form.confirmation else {
            return render(req, viewer: viewer, error: "Les deux saisies du nouveau mot de passe diffèrent.", status: .badRequest)
        }
        do {
            try await PasswordChange.change(current: form.actuel, new: form.nouveau, on: req)
        } catch let refused as PasswordChange.Refused {
            return render(req, viewer: viewer, error: refused.reason, status: refused.status)
        }
        return req.redirect(to: "/accueil", notice: "Votre mot de passe a été changé.")
    }

    private func render(_ req: Request, viewer: Viewer, error: String?, status: HTTPResponseStatus) -> Response {
        let context = req.pageContext(viewer)
        let mustChange = req.auth.get(Account.self)?.mustChangePassword == true
        return Page(title: "Changer de mot de passe", context: context) {
            if mustChange {
                Paragraph("Votre mot de passe vous a été donné\u{A0}: choisissez le vôtre pour continuer.").class("notice")
            }
            if let error {
                Paragraph(error).class("alert").attribute(named: "role", value: "alert")
            }
            Paragraph("Au moins \(PasswordRule.minimumLength) caractères mêlant trois sortes (minuscules, majuscules, chiffres, "
                      + "autres signes), ou une phrase d'au moins \(PasswordRule.passphraseLength) caractères\u{A0}; "
                      + "ni votre identifiant, ni un mot de passe courant.").class("muted")
            Node<HTML.BodyContext>.form(
                .action("/mot-de-passe"), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("actuel"), "Mot de passe actuel"),
                .input(.type(.password), .name("actuel"), .id("actuel"), .required(true),
                       .attribute(named: "autocomplete", value: "current-password")),
                .label(.for("nouveau"), "Nouveau mot de passe"),
                .input(.type(.password), .name("nouveau"), .id("nouveau"), .required(true),
                       .attribute(named: "autocomplete", value: "new-password")),
                .label(.for("confirmation"), "Nouveau mot de passe, une seconde fois"),
                .input(.type(.password), .name("confirmation"), .id("confirmation"), .required(true),
                       .attribute(named: "autocomplete", value: "new-password")),
                .p(.button(.type(.submit), .text("Changer le mot de passe")))
            )
        }.response(status: status)
    }
}
