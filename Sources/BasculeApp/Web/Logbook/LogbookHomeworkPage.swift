import BasculeDomain
import BasculeStorage
import Plot

/// « Travail à faire »: a student's homework from today on, by due date; a parent chooses
/// which child's.
enum LogbookHomeworkPage {
    struct Content {
        let uai: String
        let children: [(id: Int, label: String)]
        let studentID: Int
        let homework: [LogbookHomework]
        let menu: LogbookMenu
    }

    static func page(_ content: Content, today: CalendarDate, context: PageContext) -> Page {
        Page(title: "Travail à faire", context: context) {
            content.menu.component(current: "travail")
            if content.children.count > 1 {
                Node<HTML.BodyContext>.form(
                    .action("/cahier-de-textes/travail"), .method(.get), .class("actions"),
                    .input(.type(.hidden), .name("etablissement"), .value(content.uai.xmlEscaped)),
                    LogbookBrowsePage.select("eleve", label: "Travail de", options: content.children.map { (String($0.id), $0.label) },
                                             selected: String(content.studentID)),
                    .button(.type(.submit), .text("Afficher"))
                )
            } else if let child = content.children.first, child.id != context.accountID {
                Paragraph("Travail de \(child.label)").class("muted")
            }
            if content.homework.isEmpty {
                Paragraph("Aucun travail à faire à partir d'aujourd'hui.").class("muted")
            }
            for (due, items) in grouped(content.homework) {
                H2(due.map { French.capitalized(French.longDate($0)) } ?? "Sans date")
                List(items) { item in
                    ListItem {
                        Span([item.subject, item.audienceName.isEmpty ? nil : item.audienceName].compactMap { $0 }.joined(separator: ", "))
                            .class("subject")
                        Paragraph(item.content).class("session")
                        if let given = try? CalendarDate(iso: item.given_on) {
                            Paragraph("Donné le \(French.date(given))").class("muted")
                        }
                    }
                }.class("courses")
            }
        }
    }

    static func grouped(_ homework: [LogbookHomework]) -> [(CalendarDate?, [LogbookHomework])] {
        var groups: [(CalendarDate?, [LogbookHomework])] = []
        for item in homework {
            if let last = groups.last, last.0 == item.due { groups[groups.count - 1].1.append(item) }
            else { groups.append((item.due, [item])) }
        }
        return groups
    }

    /// « Pour le mardi 3 mars 2026 ».
    static func due(_ item: LogbookHomework) -> String {
        "Pour le " + (item.due.map { French.longDate($0) } ?? item.due_on)
    }
}
