import Plot

/// The confirmation a deletion asks for, on a page of its own (no script needed): what goes,
/// and the two ways out.
enum ConfirmationPage {
    static func deletion(title: String, explanation: String, action: String, back: String, backLabel: String,
                         context: PageContext) -> Page {
        Page(title: title, context: context) {
            Paragraph(explanation)
            Node<HTML.BodyContext>.form(
                .action(action), .method(.post), .class("actions"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .button(.type(.submit), .class("danger"), .text("Oui, supprimer")),
                .a(.href(back), .text(backLabel))
            )
        }
    }
}
