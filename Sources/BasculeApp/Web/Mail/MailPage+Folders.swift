import BasculeDomain
import BasculeStorage
import Plot

/// The personal folders: their list with the form that makes one, a folder's renaming, and the
/// confirmation its deletion asks for.
extension MailPage {
    static func folders(_ boxes: Boxes, context: PageContext, error: String? = nil, typed: String = "") -> Page {
        Page(title: "Dossiers de la messagerie", context: context) {
            menu(current: "/messagerie/dossiers", boxes: boxes)
            Paragraph("Les messages rangés dans un dossier personnel ou dans les archives sont conservés d'une année à l'autre\u{A0}; ceux laissés dans la boîte de réception sont supprimés après le changement d'année.")
            if boxes.folders.isEmpty {
                Paragraph("Vous n'avez encore aucun dossier.").class("muted")
            } else {
                List(boxes.folders) { folder in
                    ListItem {
                        Link(folder.name, url: "/messagerie/dossiers/\(folder.id)")
                        Text(" — \(French.count(folder.count, "message"))" + (folder.unread > 0 ? ", \(folder.unread) non \(French.agreeing(folder.unread, "lu", "lus"))" : ""))
                    }
                }
            }
            Node<HTML.BodyContext>.form(
                .action("/messagerie/dossiers"), .method(.post), .class("card"), .id("nouveau-dossier"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .h2(.text("Nouveau dossier")),
                .unwrap(error) { .p(.class("alert"), .attribute(named: "role", value: "alert"), .text($0)) },
                .label(.for("nom"), .text("Nom du dossier")),
                .input(.type(.text), .id("nom"), .name("nom"), .required(true),
                       .attribute(named: "maxlength", value: String(MailStore.folderNameLimit)), .value(typed.xmlEscaped)),
                .button(.type(.submit), .text("Créer le dossier"))
            )
        }
    }

    /// Under a folder's messages: rename it, or go and confirm its deletion.
    static func folderSettings(_ folder: MailStore.Folder, csrf: String) -> Component {
        Div {
            H2("Paramètres du dossier")
            Node<HTML.BodyContext>.form(
                .action("/messagerie/dossiers/\(folder.id)/nom"), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .label(.for("nom"), .text("Nouveau nom")),
                .input(.type(.text), .id("nom"), .name("nom"), .required(true),
                       .attribute(named: "maxlength", value: String(MailStore.folderNameLimit)), .value(folder.name.xmlEscaped)),
                .button(.type(.submit), .class("secondary"), .text("Renommer"))
            )
            Paragraph { Link("Supprimer ce dossier…", url: "/messagerie/dossiers/\(folder.id)/suppression") }
        }.class("card").id("parametres")
    }

    static func confirmDeletion(_ folder: MailStore.Folder, boxes: Boxes, context: PageContext) -> Page {
        Page(title: "Supprimer le dossier « \(folder.name) »\u{A0}?", context: context) {
            menu(current: "", boxes: boxes)
            Paragraph(folder.count == 0 ? "Le dossier est vide."
                      : "\(French.capitalized(French.agreeing(folder.count, "son", "ses"))) \(French.count(folder.count, "message")) \(French.agreeing(folder.count, "ira", "iront")) dans les archives, qui sont conservées\u{A0}: aucun message n'est supprimé.")
            Node<HTML.BodyContext>.form(
                .action("/messagerie/dossiers/\(folder.id)/suppression"), .method(.post), .class("actions"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .button(.type(.submit), .class("danger"), .text("Oui, supprimer le dossier")),
                .a(.href("/messagerie/dossiers/\(folder.id)"), .text("Non, revenir au dossier"))
            )
        }
    }
}
