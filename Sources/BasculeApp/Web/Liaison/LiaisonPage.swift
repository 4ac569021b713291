import BasculeDomain
import BasculeStorage
import Plot

/// « Carnet de liaison »: the conversations one may read, a conversation with its reply form,
/// and its printable version.
enum LiaisonPage {
    static func path(uai: String, id: Int? = nil, _ rest: String = "") -> String {
        "/carnet-de-liaison" + (id.map { "/\($0)" } ?? "") + rest + "?etablissement=\(uai)"
    }

    /// Whom a new conversation may be about: a parent's children; for the personnel, any student
    /// of the establishment, named by their login.
    enum Students {
        case children([(id: Int, label: String)])
        case byLogin
        case none
    }

    static func list(_ conversations: [LiaisonConversation], uai: String, students: Students, context: PageContext) -> Page {
        Page(title: "Carnet de liaison", context: context) {
            if conversations.isEmpty { Paragraph("Aucune conversation.").class("muted") }
            List(conversations) { conversation in
                ListItem {
                    Link(conversation.subject, url: path(uai: uai, id: conversation.id))
                    Paragraph("\(conversation.studentName) — \(French.count(conversation.message_count, "message")), "
                              + (conversation.message_count > 1 ? "le dernier le " : "le ")
                              + AccessClosed.french(conversation.last_at ?? conversation.started_at)).class("muted")
                }
            }.class("messages")
            newConversation(uai: uai, students: students, csrf: context.csrf)
        }
    }

    static func newConversation(uai: String, students: Students, csrf: String) -> Component {
        let student: Node<HTML.FormContext>
        switch students {
        case .none: return Text("")
        case .children(let children):
            student = LogbookBrowsePage.select("eleve", label: "Élève", options: children.map { (String($0.id), $0.label) },
                                               selected: children.first.map { String($0.id) } ?? "")
        case .byLogin:
            student = .group(.label(.for("identifiant"), .text("Identifiant de l'élève")),
                             .input(.type(.text), .id("identifiant"), .name("identifiant"), .required(true)))
        }
        return Node<HTML.BodyContext>.form(
            .action(path(uai: uai)), .method(.post), .class("card"), .id("nouvelle-conversation"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .h2(.text("Nouvelle conversation")),
            student,
            .label(.for("objet"), .text("Objet")),
            .input(.type(.text), .id("objet"), .name("objet"), .required(true), .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .label(.for("message"), .text("Message")),
            .textarea(.id("message"), .name("message"), .rows(6), .required(true)),
            .button(.type(.submit), .text("Envoyer"))
        )
    }

    static func conversation(_ conversation: LiaisonConversation, messages: [LiaisonMessage], uai: String, mayReply: Bool,
                             printable: Bool = false, context: PageContext) -> Page {
        Page(title: conversation.subject, context: context) {
            Paragraph("Au sujet de \(conversation.studentName), commencée le \(AccessClosed.french(conversation.started_at))"
                      + (conversation.starterName.map { " par \($0)" } ?? "") + ".").class("muted")
            if !printable {
                Node<HTML.BodyContext>.nav(
                    .class("sub"), .attribute(named: "aria-label", value: "Conversation"),
                    .a(.href(path(uai: uai)), .text("Toutes les conversations")),
                    .a(.href(path(uai: uai, id: conversation.id, "/impression")), .text("Version imprimable"))
                )
            }
            for message in messages {
                Div {
                    H2("\(message.authorName), le \(AccessClosed.french(message.sent_at))")
                    Paragraph(message.body).class("session")
                }.class("card")
            }
            if mayReply && !printable {
                Node<HTML.BodyContext>.form(
                    .action(path(uai: uai, id: conversation.id)), .method(.post), .class("card"), .id("repondre"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .label(.for("message"), .text("Répondre")),
                    .textarea(.id("message"), .name("message"), .rows(5), .required(true)),
                    .button(.type(.submit), .text("Envoyer la réponse"))
                )
            }
        }
    }
}
