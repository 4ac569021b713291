import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// The pages an establishment's administrators and heads (and the operator) manage it with.
extension Request {
    /// The establishment named by the path's `:uai`, for a viewer who administers it; 403 otherwise.
    func administeredEstablishment() async throws -> (Viewer, Establishment) {
        let viewer = try viewer()
        let establishment = try await Establishment.find(uai: parameters.get("uai"), on: db)
        guard viewer.administers(try establishment.requireID()) else {
            throw Abort(.forbidden, reason: "Ces pages sont réservées aux administrateurs et à la direction de l'établissement.")
        }
        return (viewer, establishment)
    }
}

enum EstablishmentPages {
    static func path(_ uai: String, _ page: String = "changement-d-annee") -> String {
        "/etablissements/\(uai)/\(page)"
    }

    /// The links between the establishment's management pages.
    static func nav(_ uai: String) -> Component {
        Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Gestion de l'établissement"),
            .a(.href(path(uai)), "Changement d'année"),
            .a(.href(path(uai, "blocage-des-acces")), "Blocage des accès"),
            .a(.href(path(uai, "imports")), "Imports de l'annuaire"),
            .a(.href(path(uai, "emploi-du-temps")), "Emploi du temps"),
            .a(.href(path(uai, "archives")), "Archives"),
            .a(.href(path(uai, "corbeille")), "Corbeille")
        )
    }

    /// A form posting to `action` with the session's token, and a submit button.
    static func button(_ label: String, action: String, csrf: String, style: String? = nil,
                       hidden: [(String, String)] = []) -> Component {
        Node<HTML.BodyContext>.form(
            .action(action), .method(.post),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .forEach(hidden) { .input(.type(.hidden), .name($0.0), .value($0.1.xmlEscaped)) },
            .button(.type(.submit), .unwrap(style) { .class($0) }, .text(label))
        )
    }
}
