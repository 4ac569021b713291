import BasculeDomain
import BasculeStorage
import Foundation
import Plot

/// « Messagerie »: a box of the viewer's mail (inbox, archives, sent, a folder), paged and
/// searchable, with a selection to move into a folder by a select and a button (no dragging,
/// no JavaScript).
enum MailPage {
    /// What the viewer's boxes hold, for the menu beside every mail page.
    struct Boxes {
        let folders: [MailStore.Folder]
        let unread: Int
    }

    /// The year change ahead, for the inbox's warning.
    struct ChangeAhead {
        let unfiled: Int
        let changeDate: CalendarDate
        let purgeDate: CalendarDate
        let folderName: String
    }

    static func path(_ box: MailStore.Box) -> String {
        switch box {
        case .inbox: "/messagerie"
        case .archives: "/messagerie/archives"
        case .sent: "/messagerie/envoyes"
        case .folder(let id): "/messagerie/dossiers/\(id)"
        }
    }

    static func title(_ box: MailStore.Box, boxes: Boxes) -> String {
        switch box {
        case .inbox: "Boîte de réception"
        case .archives: "Archives"
        case .sent: "Messages envoyés"
        case .folder(let id): "Dossier « \(boxes.folders.first { $0.id == id }?.name ?? "") »"
        }
    }

    static func page(_ box: MailStore.Box, listing: MailStore.Listing, search: String?, boxes: Boxes, ahead: ChangeAhead?,
                     context: PageContext) -> Page {
        Page(title: title(box, boxes: boxes), context: context) {
            menu(current: path(box), boxes: boxes)
            if let ahead { warning(ahead, csrf: context.csrf) }
            searchForm(box, search: search)
            if listing.entries.isEmpty {
                Paragraph(search?.isEmpty == false ? "Aucun message ne correspond à cette recherche." : "Aucun message.").class("muted")
            } else {
                Paragraph(summary(listing)).class("muted")
                list(box, listing: listing, boxes: boxes, csrf: context.csrf)
                pager(box, listing: listing, search: search)
            }
            if case .folder(let id) = box, let folder = boxes.folders.first(where: { $0.id == id }) {
                MailPage.folderSettings(folder, csrf: context.csrf)
            }
        }
    }

    static func menu(current: String, boxes: Boxes) -> Component {
        let links: [(String, String)] = [
            ("/messagerie", boxes.unread > 0 ? "Boîte de réception (\(boxes.unread) non \(French.agreeing(boxes.unread, "lu", "lus")))" : "Boîte de réception"),
            ("/messagerie/archives", "Archives"), ("/messagerie/envoyes", "Envoyés"),
        ] + boxes.folders.map { ("/messagerie/dossiers/\($0.id)", "\($0.name) (\($0.count))") }
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Dossiers de la messagerie"),
            .a(.href("/messagerie/nouveau"), .class("button"), .text("Nouveau message")),
            .forEach(links) { link in
                .a(.href(link.0), .if(link.0 == current, .attribute(named: "aria-current", value: "page")), .text(link.1))
            },
            .a(.href("/messagerie/dossiers"), .text("Gérer les dossiers")),
            .a(.href("/messagerie/export"), .text("Exporter ma messagerie"))
        )
    }

    /// What the year change will do to the inbox, and the one click that saves it all.
    static func warning(_ ahead: ChangeAhead, csrf: String) -> Component {
        let n = ahead.unfiled
        let messages = French.agreeing(n, "message non classé", "messages non classés")
        return Div {
            Paragraph("Au changement d'année, prévu le \(French.date(ahead.changeDate)), \(French.agreeing(n, "le", "les")) \(n) \(messages) de votre boîte de réception \(French.agreeing(n, "sera masqué", "seront masqués")), puis \(French.agreeing(n, "supprimé", "supprimés")) le \(French.date(ahead.purgeDate)). Ce que vous rangez dans un dossier personnel ou dans les archives est conservé.")
            Node<HTML.BodyContext>.form(
                .action("/messagerie/tout-ranger"), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .button(.type(.submit), .text("Tout ranger dans le dossier « \(ahead.folderName) »"))
            )
        }.class("alert").id("changement")
    }

    static func searchForm(_ box: MailStore.Box, search: String?) -> Component {
        Node<HTML.BodyContext>.form(
            .action(path(box)), .method(.get), .class("actions"), .attribute(named: "role", value: "search"),
            .label(.for("recherche"), .text("Rechercher (objet, texte, correspondant)")),
            .input(.type(.search), .id("recherche"), .name("recherche"), .value((search ?? "").xmlEscaped)),
            .button(.type(.submit), .class("secondary"), .text("Rechercher"))
        )
    }

    static func summary(_ listing: MailStore.Listing) -> String {
        let total = French.count(listing.total, "message")
        return listing.pageCount > 1 ? "\(total) · page \(listing.page) sur \(listing.pageCount)" : total
    }

    /// The messages, each with its box to tick, and the move of the ticked ones underneath.
    static func list(_ box: MailStore.Box, listing: MailStore.Listing, boxes: Boxes, csrf: String) -> Component {
        let movable = box != .sent
        return Node<HTML.BodyContext>.form(
            .action("/messagerie/deplacer"), .method(.post), .id("liste"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .input(.type(.hidden), .name("retour"), .value(path(box))),
            .ul(.class("messages"), .forEach(listing.entries) { entry in
                let id = "message-\(entry.deliveryID ?? entry.messageID)"
                let who = box == .sent
                    ? "À \(entry.correspondent ?? "?")" + (entry.recipientCount > 1 ? " et \(French.count(entry.recipientCount - 1, "autre"))" : "")
                    : French.capitalized(French.de(entry.correspondent ?? "Bascule"))
                return .li(
                    .class(entry.isRead ? "read" : "unread"),
                    .if(movable, .group(
                        .input(.type(.checkbox), .name("livraisons[]"), .value(String(entry.deliveryID ?? 0)), .id(id)),
                        .label(.for(id), .class("visually-hidden"), .text("Sélectionner « \(entry.subject) »"))
                    )),
                    .a(.href("/messagerie/messages/\(entry.messageID)"), .class("subject"),
                       .text((entry.isRead ? "" : "Non lu\u{A0}: ") + (entry.subject.isEmpty ? "(sans objet)" : entry.subject))),
                    .p(.class("muted"), .text("\(who) · \(AccessClosed.french(entry.sentAt))" + (entry.hasAttachments ? " · pièce jointe" : "")))
                )
            }),
            .if(movable, .div(
                .class("actions"),
                destinationSelect(boxes, label: "Déplacer la sélection vers"),
                .button(.type(.submit), .text("Déplacer"))
            ))
        )
    }

    /// Where messages can go: the inbox, the archives, a folder.
    static func destinationSelect(_ boxes: Boxes, label: String) -> Node<HTML.FormContext> {
        let destinations: [(String, String)] = [("boite", "Boîte de réception"), ("archives", "Archives")]
            + boxes.folders.map { (String($0.id), "Dossier « \($0.name) »") }
        return .group(
            .label(.for("destination"), .text(label)),
            .element(named: "select", nodes: [.attribute(named: "id", value: "destination"), .attribute(named: "name", value: "destination")]
                + destinations.map { .element(named: "option", nodes: [.attribute(named: "value", value: $0.0), .text($0.1)]) })
        )
    }

    static func pager(_ box: MailStore.Box, listing: MailStore.Listing, search: String?) -> Component {
        guard listing.pageCount > 1 else { return Text("") }
        let query = search.flatMap { $0.isEmpty ? nil : $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }
        func link(_ page: Int) -> String { path(box) + "?page=\(page)" + (query.map { "&recherche=\($0)" } ?? "") }
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Pages"),
            .if(listing.page > 1, .a(.href(link(listing.page - 1)), .attribute(named: "rel", value: "prev"), .text("Page précédente"))),
            .if(listing.page < listing.pageCount, .a(.href(link(listing.page + 1)), .attribute(named: "rel", value: "next"), .text("Page suivante")))
        )
    }
}
