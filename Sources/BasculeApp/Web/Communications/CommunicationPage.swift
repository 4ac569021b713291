import BasculeDomain
import BasculeStorage
import Plot

/// « Communications »: what one received, the form that sends one, the establishment's history.
enum CommunicationPage {
    struct Draft {
        var title = ""
        var body = ""
        var audience: TargetedMessageStore.Audience = .parents
        var classes: [Int] = []
    }

    static let audiences: [(TargetedMessageStore.Audience, String)] = [
        (.parents, "Les parents"), (.students, "Les élèves"), (.staff, "Les personnels"), (.all, "Tout l'établissement"),
    ]

    static func label(_ audience: TargetedMessageStore.Audience) -> String {
        audiences.first { $0.0 == audience }?.1 ?? audience.rawValue
    }

    static func received(_ messages: [TargetedMessageStore.Received], page: Int, hasMore: Bool, administered: [(uai: String, name: String)],
                         context: PageContext) -> Page {
        Page(title: "Communications", context: context) {
            if !administered.isEmpty {
                Node<HTML.BodyContext>.nav(.class("sub"), .attribute(named: "aria-label", value: "Communications de l'établissement"),
                    .forEach(administered) { establishment in
                        .group(.a(.href("/communications/nouvelle?etablissement=\(establishment.uai)"), .class("button"),
                                  .text("Écrire une communication" + (administered.count > 1 ? " (\(establishment.name))" : ""))),
                               .a(.href("/communications/historique?etablissement=\(establishment.uai)"),
                                  .text("Historique" + (administered.count > 1 ? " (\(establishment.name))" : ""))))
                    })
            }
            if messages.isEmpty { Paragraph(page == 1 ? "Vous n'avez reçu aucune communication." : "Aucune communication sur cette page.").class("muted") }
            for message in messages { card(message, csrf: context.csrf) }
            pager(path: "/communications?", page: page, hasMore: hasMore)
        }
    }

    /// A communication as its recipient reads it, with the button that says it was read.
    static func card(_ message: TargetedMessageStore.Received, csrf: String) -> Component {
        Div {
            H3(message.title)
            Paragraph("\(message.establishment_name), le \(AccessClosed.french(message.sent_at))"
                      + (message.authorName.map { ", par \($0)" } ?? "")).class("muted")
            Paragraph(message.body).class("session")
            if let read = message.read_at {
                Paragraph("Lue le \(AccessClosed.french(read)).").class("done")
            } else {
                Node<HTML.BodyContext>.form(
                    .action("/communications/\(message.id)/lu"), .method(.post),
                    .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                    .button(.type(.submit), .text("J'en ai pris connaissance"),
                            .span(.class("visually-hidden"), .text(" (\(message.title))")))
                )
            }
        }.class("card").id("communication-\(message.id)")
    }

    static func pager(path: String, page: Int, hasMore: Bool) -> Component {
        Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Pages"),
            .if(page > 1, .a(.href(path + "page=\(page - 1)"), .text("← Plus récentes"))),
            .if(hasMore, .a(.href(path + "page=\(page + 1)"), .text("Plus anciennes →")))
        )
    }

    static func compose(_ draft: Draft, uai: String, name: String, classes: [(id: Int, label: String)], error: ServiceError?,
                        context: PageContext) -> Page {
        Page(title: "Nouvelle communication", context: context) {
            Paragraph("\(name)\u{A0}: chaque destinataire la verra sur sa page d'accueil jusqu'à ce qu'il indique l'avoir lue.").class("muted")
            if let error { Paragraph(error.pageReason).class("alert").attribute(named: "role", value: "alert") }
            Node<HTML.BodyContext>.form(
                .action("/communications?etablissement=\(uai)"), .method(.post), .class("card"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("titre"), .text("Titre")),
                .input(.type(.text), .id("titre"), .name("titre"), .required(true), .value(draft.title.xmlEscaped),
                       .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                .label(.for("texte"), .text("Texte")),
                .textarea(.id("texte"), .name("texte"), .rows(8), .required(true), .text(draft.body)),
                .fieldset(.element(named: "legend", text: "Destinataires"),
                          .ul(.class("choices"), .forEach(audiences) { audience, label in
                              .li(.input(.type(.radio), .id("destinataires-\(audience.rawValue)"), .name("destinataires"),
                                         .value(audience.rawValue), .checked(audience == draft.audience)),
                                  .label(.for("destinataires-\(audience.rawValue)"), .text(" " + label)))
                          })),
                .if(!classes.isEmpty, .fieldset(
                    .element(named: "legend", text: "Seulement les classes (facultatif)"),
                    .p(.class("muted"), .text("Si vous cochez des classes, seuls les destinataires choisis qui en relèvent la reçoivent\u{A0}: leurs élèves, les parents de leurs élèves ou leurs enseignants.")),
                    .ul(.class("choices"), .forEach(classes) { item in
                        .li(.input(.type(.checkbox), .id("classe-\(item.id)"), .name("classes[]"), .value(String(item.id)),
                                   .checked(draft.classes.contains(item.id))),
                            .label(.for("classe-\(item.id)"), .text(" " + item.label)))
                    }))),
                .button(.type(.submit), .text("Envoyer la communication"))
            )
        }
    }

    static func history(_ messages: [TargetedMessageStore.Sent], total: Int, page: Int, perPage: Int, uai: String, name: String,
                        mayWrite: Bool, context: PageContext) -> Page {
        Page(title: "Communications — historique", context: context) {
            Paragraph("\(name)\u{A0}: \(French.count(total, "communication")) depuis l'ouverture, toutes années confondues.").class("muted")
            if mayWrite { Paragraph { Link("Écrire une communication", url: "/communications/nouvelle?etablissement=\(uai)") } }
            Node<HTML.BodyContext>.table(
                .class("reflow"),
                .thead(.tr(.forEach(["Communication", "Envoyée le", "Destinataires", "Lue par"]) {
                    .th(.attribute(named: "scope", value: "col"), .text($0))
                })),
                .tbody(.forEach(messages) { message in
                    .tr(.id("communication-\(message.id)"),
                        .td(.strong(.text(message.title)), .unwrap(message.authorName) {
                            .p(.class("muted"), .text("par \($0)"))
                        }),
                        .td(.attribute(named: "data-label", value: "Envoyée le"), .text(AccessClosed.french(message.sent_at))),
                        .td(.attribute(named: "data-label", value: "Destinataires"), .text("\(label(message.audience))\u{A0}: \(message.recipient_count)")),
                        .td(.attribute(named: "data-label", value: "Lue par"), .text("\(message.read_count) sur \(message.recipient_count)")))
                })
            )
            pager(path: "/communications/historique?etablissement=\(uai)&", page: page, hasMore: page * perPage < total)
        }
    }
}
