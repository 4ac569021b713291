import BasculeDomain
import BasculeStorage
import Plot

/// One message: who wrote it to whom, its text (escaped, line breaks kept), its attachments
/// to download, the answers, and where to file it.
extension MailPage {
    struct Reading {
        let message: MailStore.Message
        let names: [Int: String]
        /// The viewer's copy, if they received it (not if they only sent it).
        let deliveryID: Int?
    }

    static let shownRecipients = 20

    static func message(_ reading: Reading, boxes: Boxes, context: PageContext) -> Page {
        let message = reading.message
        let recipients = message.recipients.prefix(shownRecipients).map { reading.names[$0] ?? "?" }.joined(separator: ", ")
        let more = message.recipients.count - min(message.recipients.count, shownRecipients)
        return Page(title: message.subject.isEmpty ? "(sans objet)" : message.subject, context: context) {
            menu(current: "", boxes: boxes)
            Div {
                Paragraph("De\u{A0}: \(message.senderID.flatMap { reading.names[$0] } ?? "Bascule (message automatique)")")
                Paragraph("À\u{A0}: \(recipients)" + (more > 0 ? " et \(French.count(more, "autre destinataire"))" : ""))
                Paragraph("Envoyé le \(AccessClosed.french(message.sentAt))").class("muted")
                Paragraph(message.body).class("session")
                if !message.attachments.isEmpty {
                    H2("Pièces jointes")
                    List(message.attachments) { attachment in
                        ListItem { Link(attachment.name, url: "/messagerie/messages/\(message.id)/pieces/\(attachment.id)") }
                    }
                }
            }.class("card")
            Node<HTML.BodyContext>.nav(
                .class("actions"), .attribute(named: "aria-label", value: "Répondre"),
                .if(message.senderID != nil && message.senderID != context.accountID,
                    .a(.href("/messagerie/nouveau?reponse=\(message.id)"), .text("Répondre"))),
                .if(message.recipients.count > 1 || message.senderID == context.accountID,
                    .a(.href("/messagerie/nouveau?reponse=\(message.id)&tous=1"), .text("Répondre à tous"))),
                .a(.href("/messagerie/nouveau?transfert=\(message.id)"), .text("Transférer"))
            )
            if let delivery = reading.deliveryID { moveOne(delivery, boxes: boxes, csrf: context.csrf) }
        }
    }

    /// The move of this one message (the list's select, for one).
    static func moveOne(_ delivery: Int, boxes: Boxes, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action("/messagerie/deplacer"), .method(.post), .class("actions"), .id("ranger"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .input(.type(.hidden), .name("livraisons[]"), .value(String(delivery))),
            .input(.type(.hidden), .name("retour"), .value("/messagerie")),
            destinationSelect(boxes, label: "Ranger ce message dans"),
            .button(.type(.submit), .text("Ranger"))
        )
    }
}
