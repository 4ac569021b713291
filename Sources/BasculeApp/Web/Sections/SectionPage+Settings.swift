import BasculeDomain
import BasculeStorage
import Plot

/// A section's settings (its title and « Rubrique temporaire », as the guide names the box) and
/// its roles: who reads, writes and manages it.
extension SectionPage {
    static func settings(_ detail: SectionDetail, uai: String, context: PageContext) -> Page {
        let summary = detail.summary
        return Page(title: (detail.administers ? "Paramètres" : "Rôles") + " de la rubrique « \(summary.title) »", context: context) {
            Node<HTML.BodyContext>.nav(
                .class("sub"), .attribute(named: "aria-label", value: "Rubrique"),
                .a(.href(path(uai: uai, id: summary.id)), .text("Revenir à la rubrique"))
            )
            if detail.administers { form(summary, uai: uai, csrf: context.csrf) }
            roles(detail, uai: uai, csrf: context.csrf)
        }
    }

    /// The title and « Rubrique temporaire »: the administrators'.
    static func form(_ summary: SectionSummary, uai: String, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action(path(uai: uai, id: summary.id, "/parametres")), .method(.post), .class("card"), .id("parametres"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .label(.for("titre"), .text("Titre")),
            .input(.type(.text), .id("titre"), .name("titre"), .required(true), .value(summary.title.xmlEscaped),
                   .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .if(summary.sectionKind == .standard, .group(
                .p(.input(.type(.checkbox), .id("temporaire"), .name("temporaire"), .value("oui"),
                          .checked(summary.is_temporary)),
                   .label(.for("temporaire"), .class("inline"), .text(" Rubrique temporaire"))),
                .p(.class("muted"), .text("Une rubrique temporaire est archivée au changement d'année et ses publications quittent la page d'accueil et le site public. Décochez la case pour la garder d'une année à l'autre."))
            )),
            .button(.type(.submit), .text("Enregistrer les paramètres"))
        )
    }

    static let roleLabels: [(SectionRole, String)] = [(.reader, "Lecteur"), (.contributor, "Contributeur"), (.manager, "Gestionnaire")]

    static func roles(_ detail: SectionDetail, uai: String, csrf: String) -> Component {
        let id = detail.summary.id
        return Div {
            H2("Rôles")
            Paragraph(detail.roles.isEmpty
                ? "La rubrique ne donne aucun rôle\u{A0}: tous les membres de l'établissement la lisent et les personnels y écrivent."
                : "Seuls les titulaires d'un rôle la lisent (et les administrateurs).")
            List(detail.roles) { role in
                ListItem {
                    Text("\(role.holder) — \(roleLabels.first { $0.0.rawValue == role.role }?.1 ?? role.role) ")
                    Node<HTML.BodyContext>.form(
                        .action(path(uai: uai, id: id, "/roles/\(role.id)/suppression")), .method(.post), .class("actions"),
                        .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                        .button(.type(.submit), .class("secondary"), .text("Retirer ce rôle"))
                    )
                }
            }
            Node<HTML.BodyContext>.form(
                .action(path(uai: uai, id: id, "/roles")), .method(.post), .id("nouveau-role"),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .label(.for("identifiant"), .text("Identifiant de la personne")),
                .input(.type(.text), .id("identifiant"), .name("identifiant"), .required(true)),
                LogbookBrowsePage.select("role", label: "Rôle", options: roleLabels.map { ($0.0.rawValue, $0.1) }, selected: SectionRole.reader.rawValue),
                .button(.type(.submit), .text("Donner ce rôle"))
            )
        }.class("card").id("roles")
    }

    static func confirmPublicationDeletion(_ publication: PublicationLine, uai: String, sectionID: Int, context: PageContext) -> Page {
        Page(title: "Supprimer la publication « \(publication.title) »\u{A0}?", context: context) {
            Paragraph("Elle disparaîtra de la rubrique" + [publication.on_home_page ? ", de la page d'accueil" : "",
                                                           publication.on_public_site ? (publication.on_home_page ? " et du site public" : ", du site public") : ""].joined() + ".")
            Node<HTML.BodyContext>.form(
                .action(path(uai: uai, id: sectionID, "/publications/\(publication.id)/suppression")), .method(.post), .class("actions"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .button(.type(.submit), .class("danger"), .text("Oui, supprimer")),
                .a(.href(path(uai: uai, id: sectionID)), .text("Non, revenir à la rubrique"))
            )
        }
    }
}
