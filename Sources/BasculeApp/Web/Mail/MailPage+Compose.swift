import BasculeDomain
import BasculeStorage
import Plot

/// « Nouveau message »: recipients ticked among the viewer's contacts (found by name without
/// JavaScript: the search button reloads the page with what was typed), classes and groups,
/// subject, text and attachments.
extension MailPage {
    struct Draft {
        var to: [Int] = []
        var classes: [Int] = []
        var groups: [Int] = []
        var subject = ""
        var body = ""
        var search = ""
        /// The message whose attachments a forward carries.
        var forwarding: Int?
    }

    struct AddressBook {
        let contacts: [MailStore.Contact]
        let chosen: [MailStore.Contact]
        let audiences: [MailStore.Audience]
        let limit: Int
    }

    static func compose(_ draft: Draft, book: AddressBook, boxes: Boxes, maxBytes: Int, context: PageContext,
                        error: String? = nil) -> Page {
        Page(title: "Nouveau message", context: context) {
            menu(current: "/messagerie/nouveau", boxes: boxes)
            Node<HTML.BodyContext>.form(
                .action("/messagerie/nouveau"), .method(.post), .enctype(.multipartData), .id("redaction"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .unwrap(draft.forwarding) { .input(.type(.hidden), .name("transfert"), .value(String($0))) },
                .unwrap(error) { .p(.class("alert"), .attribute(named: "role", value: "alert"), .text($0)) },
                .fieldset(
                    .element(named: "legend", text: "Destinataires"),
                    .if(!book.chosen.isEmpty, .ul(.class("choices"), .forEach(book.chosen) { contact($0, checked: true) })),
                    .label(.for("cherche"), .text("Chercher une personne par son nom")),
                    .div(.class("actions"),
                         .input(.type(.search), .id("cherche"), .name("cherche"), .value(draft.search.xmlEscaped)),
                         // The same form, read back by the page: what was typed stays.
                         .button(.type(.submit), .class("secondary"), .attribute(named: "formaction", value: "/messagerie/nouveau"),
                                 .attribute(named: "formmethod", value: "get"), .attribute(named: "formenctype", value: "application/x-www-form-urlencoded"),
                                 .text("Chercher"))),
                    .if(book.contacts.isEmpty,
                        .p(.class("muted"), .text(draft.search.isEmpty ? "Aucun contact." : "Personne de vos contacts ne porte ce nom."))),
                    .ul(.class("choices"), .forEach(book.contacts.filter { !draft.to.contains($0.id) }) { contact($0, checked: false) }),
                    .if(book.contacts.count >= book.limit,
                        .p(.class("muted"), .text("Seuls les \(book.limit) premiers contacts sont listés\u{A0}: cherchez par nom pour trouver les autres."))),
                    .if(!book.audiences.isEmpty, .element(named: "details", nodes: [
                        .if(!draft.classes.isEmpty || !draft.groups.isEmpty, .attribute(named: "open", value: "open")),
                        .element(named: "summary", text: "Classes et groupes entiers"),
                        .ul(.class("choices"), .forEach(book.audiences) { audience(draft: draft, $0) }),
                    ]))
                ),
                .label(.for("objet"), .text("Objet")),
                .input(.type(.text), .id("objet"), .name("objet"), .required(true), .value(draft.subject.xmlEscaped)),
                .label(.for("texte"), .text("Message")),
                .textarea(.id("texte"), .name("texte"), .rows(10), .text(draft.body)),
                .label(.for("pieces"), .text("Pièces jointes")),
                .input(.type(.file), .id("pieces"), .name("pieces"), .attribute(named: "multiple", value: "multiple"),
                       .attribute(named: "aria-describedby", value: "pieces-aide")),
                .p(.id("pieces-aide"), .class("muted"),
                   .text("\(maxBytes >> 20)\u{A0}Mio au plus pour l'ensemble du message." + (draft.forwarding != nil ? " Les pièces jointes du message transféré sont jointes d'office." : ""))),
                .button(.type(.submit), .text("Envoyer"))
            )
        }
    }

    private static func contact(_ contact: MailStore.Contact, checked: Bool) -> Node<HTML.ListContext> {
        let id = "a-\(contact.id)"
        let kinds = contact.kinds.map(\.label).joined(separator: ", ")
        return .li(.input(.type(.checkbox), .name("a[]"), .value(String(contact.id)), .id(id),
                          .checked(checked)),
                   .label(.for(id), .text(" \(contact.name)" + (kinds.isEmpty ? "" : " (\(kinds.lowercased()))"))))
    }

    private static func audience(draft: Draft, _ audience: MailStore.Audience) -> Node<HTML.ListContext> {
        let field = audience.kind == .schoolClass ? "classes[]" : "groupes[]"
        let checked = audience.kind == .schoolClass ? draft.classes.contains(audience.id) : draft.groups.contains(audience.id)
        let id = "\(audience.kind.rawValue)-\(audience.id)"
        return .li(.input(.type(.checkbox), .name(field), .value(String(audience.id)), .id(id),
                          .checked(checked)),
                   .label(.for(id), .text(" \(audience.kind == .schoolClass ? "Classe" : "Groupe") \(audience.name)")))
    }
}
