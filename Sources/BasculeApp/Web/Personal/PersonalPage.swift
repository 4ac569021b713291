import BasculeDomain
import BasculeStorage
import Plot

/// « Favoris » and « Préférences ».
enum PersonalPage {
    static func favourites(_ favourites: [FavouriteStore.Favourite], typed: (title: String, url: String) = ("", ""),
                           editing: (id: Int, title: String, url: String)? = nil, error: ServiceError? = nil,
                           context: PageContext) -> Page {
        Page(title: "Favoris", context: context) {
            if favourites.isEmpty { Paragraph("Vous n'avez aucun favori.").class("muted") }
            List(favourites) { favourite in
                let shown = editing?.id == favourite.id ? (editing!.title, editing!.url) : (favourite.title, favourite.url)
                return ListItem {
                    // Leaving Bascule for another site: the site learns nothing of the page left.
                    Node<HTML.BodyContext>.a(.href(favourite.url.xmlEscaped), .if(!favourite.url.hasPrefix("/"), .attribute(named: "rel", value: "noopener noreferrer")),
                                             .text(favourite.title))
                    Paragraph(favourite.url).class("muted")
                    Node<HTML.BodyContext>.element(named: "details", nodes: [
                        .if(editing?.id == favourite.id, .attribute(named: "open", value: "open")),
                        .element(named: "summary", text: "Modifier"),
                        .if(editing?.id == favourite.id && error != nil, .p(.class("alert"), .attribute(named: "role", value: "alert"),
                                                                            .text(error?.pageReason ?? ""))),
                        .form(.action("/favoris/\(favourite.id)"), .method(.post),
                              .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                              .label(.for("titre-\(favourite.id)"), .text("Titre")),
                              .input(.type(.text), .id("titre-\(favourite.id)"), .name("titre"), .required(true), .value(shown.0.xmlEscaped),
                                     .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                              .label(.for("adresse-\(favourite.id)"), .text("Adresse")),
                              .input(.type(.text), .id("adresse-\(favourite.id)"), .name("adresse"), .required(true), .value(shown.1.xmlEscaped),
                                     .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                              .div(.class("actions"), .button(.type(.submit), .class("secondary"), .text("Enregistrer")))),
                        .p(.a(.href("/favoris/\(favourite.id)/suppression"), .text("Supprimer…"))),
                    ])
                }.id("favori-\(favourite.id)")
            }.class("messages")
            Node<HTML.BodyContext>.form(
                .action("/favoris"), .method(.post), .class("card"), .id("nouveau-favori"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .h2(.text("Ajouter un favori")),
                .if(editing == nil && error != nil, .p(.class("alert"), .attribute(named: "role", value: "alert"), .text(error?.pageReason ?? ""))),
                .label(.for("titre"), .text("Titre")),
                .input(.type(.text), .id("titre"), .name("titre"), .required(true), .value(typed.title.xmlEscaped),
                       .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                .label(.for("adresse"), .text("Adresse")),
                .input(.type(.text), .id("adresse"), .name("adresse"), .required(true), .value(typed.url.xmlEscaped),
                       .attribute(named: "maxlength", value: String(TextLimits.lineLength)),
                       .attribute(named: "aria-describedby", value: "adresse-aide")),
                .p(.id("adresse-aide"), .class("muted"), .text("Une adresse web (https://…) ou une page de Bascule (/agenda, par exemple).")),
                .button(.type(.submit), .text("Ajouter"))
            )
        }
    }

    static let labels: [PreferenceStore.Key: (label: String, help: String)] = [
        .itemsPerPage: ("Messages par page", "Le nombre de messages qu'une page de la messagerie affiche."),
    ]

    static func preferences(_ values: [PreferenceStore.Key: String], context: PageContext) -> Page {
        Page(title: "Préférences", context: context) {
            Node<HTML.BodyContext>.form(
                .action("/preferences"), .method(.post), .class("card"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .forEach(PreferenceStore.Key.allCases) { key in
                    .group(
                        .label(.for(key.rawValue), .text(labels[key]?.label ?? key.rawValue)),
                        .element(named: "select", nodes: [.attribute(named: "id", value: key.rawValue), .attribute(named: "name", value: key.rawValue),
                                                          .attribute(named: "aria-describedby", value: "\(key.rawValue)-aide")]
                                 + key.choices.map { choice in
                                     .element(named: "option", nodes: [.attribute(named: "value", value: choice),
                                                                       .if(values[key] == choice, .attribute(named: "selected", value: "selected")),
                                                                       .text(choice)])
                                 }),
                        .p(.id("\(key.rawValue)-aide"), .class("muted"), .text(labels[key]?.help ?? ""))
                    )
                },
                .p(.a(.href("/mot-de-passe"), .text("Changer de mot de passe"))),
                .button(.type(.submit), .text("Enregistrer"))
            )
        }
    }
}
