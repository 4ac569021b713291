import BasculeDomain
import Plot
import Vapor

enum LoginPage {
    // Plot escapes text but writes attribute values as they are: a value that carries data
    // (here the login typed by the visitor) is escaped by hand.
    static func render(error: String?, login: String, status: HTTPResponseStatus, notices: [String] = [],
                       next: String? = nil) -> Response {
        Page(title: "Connexion à l'ENT") {
            for notice in notices {
                Paragraph(notice).class("notice").attribute(named: "role", value: "status")
            }
            if let error {
                Paragraph(error).class("alert").attribute(named: "role", value: "alert")
            }
            Node<HTML.BodyContext>.form(
                .action("/connexion"), .method(.post),
                .unwrap(next.flatMap(safeNext)) { .input(.type(.hidden), .name("suite"), .value($0.xmlEscaped)) },
                .label(.for("login"), "Identifiant"),
                .input(.type(.text), .name("login"), .id("login"), .value(login.xmlEscaped), .required(true),
                       .attribute(named: "autocomplete", value: "username")),
                .label(.for("password"), "Mot de passe"),
                .input(.type(.password), .name("password"), .id("password"), .required(true),
                       .attribute(named: "autocomplete", value: "current-password")),
                .p(.button(.type(.submit), .text("Se connecter")))
            )
        }.response(status: status)
    }

    /// Where to go after logging in: a path of Bascule only, never another site.
    static func safeNext(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count < 300,
              !path.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else { return nil }
        return path
    }
}
