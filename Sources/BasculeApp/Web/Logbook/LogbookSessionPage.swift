import BasculeDomain
import BasculeStorage
import Plot

/// A session its teacher changes: its content, the homework given in it, its deletion — each
/// deletion confirmed on a page of its own.
enum LogbookSessionPage {
    static func path(uai: String, id: Int) -> String {
        "/cahier-de-textes/seances/\(id)?etablissement=\(uai)"
    }

    /// `editable`: its teacher (or an administrator) in a year still open; others read it.
    static func page(_ session: LogbookSession, homework: [LogbookHomework], attachments: [LogbookStore.Attachment], uai: String,
                     menu: LogbookMenu, editable: Bool, context: PageContext) -> Page {
        let query = "?etablissement=\(uai)"
        return Page(title: LogbookBrowsePage.heading(session), context: context) {
            menu.component(current: "")
            if !editable {
                LogbookBrowsePage.card(session, homework: homework, uai: uai, editable: false)
            } else {
                editor(session, homework: homework, query: query, csrf: context.csrf)
            }
            if editable || !attachments.isEmpty { documents(session, attachments, query: query, editable: editable, csrf: context.csrf) }
        }
    }

    /// The session's documents, and for its teacher the form that attaches more.
    private static func documents(_ session: LogbookSession, _ attachments: [LogbookStore.Attachment], query: String, editable: Bool,
                                  csrf: String) -> Component {
        Div {
            H2("Documents de la séance")
            if attachments.isEmpty { Paragraph("Aucun document joint.").class("muted") }
            List(attachments) { attachment in
                ListItem {
                    Link(attachment.name, url: "/cahier-de-textes/seances/\(session.id)/documents/\(attachment.id)\(query)")
                    Text(" — \(French.bytes(attachment.byte_count))")
                    if editable {
                        Text(" — ")
                        Link("Retirer…", url: "/cahier-de-textes/seances/\(session.id)/documents/\(attachment.id)/suppression\(query)")
                    }
                }
            }
            if editable {
                Node<HTML.BodyContext>.form(
                    .action("/cahier-de-textes/seances/\(session.id)/documents\(query)"), .method(.post), .enctype(.multipartData),
                    .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                    .label(.for("fichiers"), .text("Joindre des documents")),
                    .input(.type(.file), .id("fichiers"), .name("fichiers"), .attribute(named: "multiple", value: "multiple"), .required(true)),
                    .p(.class("muted"), .text("\(BoxWebRoutes.maxBytes >> 20)\u{A0}Mo au plus par envoi.")),
                    .button(.type(.submit), .class("secondary"), .text("Joindre"))
                )
            }
        }.class("card").id("documents")
    }

    private static func editor(_ session: LogbookSession, homework: [LogbookHomework], query: String, csrf: String) -> Component {
        ComponentGroup {
            Node<HTML.BodyContext>.form(
                .action("/cahier-de-textes/seances/\(session.id)\(query)"), .method(.post), .class("card"), .id("contenu-seance"),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .h2(.text("Contenu de la séance")),
                .label(.for("contenu"), .text("Contenu")),
                .textarea(.id("contenu"), .name("contenu"), .rows(6), .required(true), .text(session.content)),
                .button(.type(.submit), .text("Enregistrer le contenu"))
            )
            Div {
                H2("Travail à faire")
                if homework.isEmpty { Paragraph("Aucun travail donné dans cette séance.").class("muted") }
                List(homework) { item in
                    ListItem {
                        Text(LogbookHomeworkPage.due(item) + "\u{A0}: " + item.content + " ")
                        Link("Supprimer…", url: "/cahier-de-textes/devoirs/\(item.id)/suppression\(query)")
                    }
                }
                Node<HTML.BodyContext>.form(
                    .action("/cahier-de-textes/seances/\(session.id)/devoirs\(query)"), .method(.post), .id("nouveau-devoir"),
                    .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                    .h3(.text("Donner du travail")),
                    .label(.for("echeance"), .text("Pour le")),
                    .input(.type(.date), .id("echeance"), .name("echeance"), .required(true),
                           .attribute(named: "min", value: session.held_on.xmlEscaped)),
                    .label(.for("travail"), .text("Travail à faire")),
                    .textarea(.id("travail"), .name("travail"), .rows(3), .required(true)),
                    .button(.type(.submit), .text("Donner ce travail"))
                )
            }.class("card")
            Paragraph { Link("Supprimer la séance…", url: "/cahier-de-textes/seances/\(session.id)/suppression\(query)") }
        }
    }
}
