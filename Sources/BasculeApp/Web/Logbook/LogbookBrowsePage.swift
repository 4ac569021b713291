import BasculeDomain
import BasculeStorage
import Plot

/// « Séances des classes »: a year's logbook as the viewer may read it, newest first, paged,
/// filtered by class or group, subject and month; each session with its homework. The same
/// page reads last year's (`annee`), read-only, from « Archives ».
enum LogbookBrowsePage {
    static func path(uai: String, yearID: Int? = nil) -> String {
        "/cahier-de-textes/classes?etablissement=\(uai)" + (yearID.map { "&annee=\($0)" } ?? "")
    }

    struct Content {
        let uai: String
        let establishments: [(id: Int, uai: String, name: String)]
        let listing: LogbookStore.Listing
        let filter: LogbookStore.Filter
        let menu: LogbookMenu
    }

    static func page(_ content: Content, context: PageContext) -> Page {
        let listing = content.listing
        let title = listing.isOpen ? "Séances des classes" : "Cahier de textes \(listing.year.name) (lecture seule)"
        return Page(title: title, context: context) {
            content.menu.component(current: listing.isOpen ? "classes" : "")
            filters(content)
            Paragraph(summary(listing)).attribute(named: "role", value: "status")
            for session in listing.sessions {
                card(session, homework: listing.homework[session.id] ?? [], uai: content.uai,
                     editable: listing.isOpen && session.teacher_id == context.accountID)
            }
            pager(content)
        }
    }

    static func summary(_ listing: LogbookStore.Listing) -> String {
        guard listing.total > 0 else { return "Aucune séance ne correspond à ces critères." }
        let first = (listing.page - 1) * LogbookStore.perPage + 1
        let last = first + listing.sessions.count - 1
        func ordinal(_ n: Int) -> String { n == 1 ? "1re" : "\(n)e" }
        return "\(French.count(listing.total, "séance"))" + (listing.pageCount > 1 ? ", de la \(ordinal(first)) à la \(ordinal(last))." : ".")
    }

    static func card(_ session: LogbookSession, homework: [LogbookHomework], uai: String, editable: Bool) -> Component {
        Div {
            H2(heading(session))
            if let teacher = session.teacherName { Paragraph(teacher).class("muted") }
            Paragraph(session.content).class("session")
            if !homework.isEmpty {
                H3("Travail à faire")
                List(homework) { item in
                    ListItem { Text(LogbookHomeworkPage.due(item) + "\u{A0}: " + item.content) }
                }
            }
            if editable {
                Paragraph { Link("Modifier la séance ou donner du travail", url: LogbookSessionPage.path(uai: uai, id: session.id)) }
            }
        }.class("card")
    }

    /// « Mardi 3 mars 2026, 8 h – 9 h — 4A, mathématiques » (in a sentence, not capitalized).
    static func heading(_ session: LogbookSession, capitalized: Bool = true) -> String {
        let day = session.date.map { capitalized ? French.capitalized(French.longDate($0)) : French.longDate($0) } ?? session.held_on
        let who = [session.audienceName, session.subject ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        return "\(day), \(slot(session.slot))" + (who.isEmpty ? "" : " — \(who)")
    }

    /// "08:00-09:00" → « 8 h – 9 h »; a slot written otherwise is shown as it is.
    static func slot(_ text: String) -> String {
        let times = text.split(separator: "-").map { part -> TimeOfDay? in
            let hm = part.split(separator: ":").compactMap { Int($0) }
            return hm.count == 2 ? TimeOfDay(hour: hm[0], minute: hm[1]) : nil
        }
        guard times.count == 2, let start = times[0], let end = times[1] else { return text }
        return "\(French.time(start)) – \(French.time(end))"
    }

    static func filters(_ content: Content) -> Component {
        let listing = content.listing, filter = content.filter
        return Node<HTML.BodyContext>.form(
            .action("/cahier-de-textes/classes"), .method(.get), .class("actions"),
            .input(.type(.hidden), .name("etablissement"), .value(content.uai.xmlEscaped)),
            .if(!listing.isOpen, .input(.type(.hidden), .name("annee"), .value(String(listing.year.id)))),
            select("classe", label: "Classe ou groupe", options: [("", "Toutes")] + listing.audiences.map { ($0.audience.token, $0.name) },
                   selected: filter.audience?.token ?? ""),
            select("matiere", label: "Matière", options: [("", "Toutes")] + listing.subjects.map { (String($0.id), $0.label) },
                   selected: filter.subjectID.map(String.init) ?? ""),
            select("mois", label: "Mois", options: [("", "Tous")] + listing.months.map { ($0, monthLabel($0)) },
                   selected: filter.month ?? ""),
            .button(.type(.submit), .text("Filtrer"))
        )
    }

    /// "2026-03" → « mars 2026 ».
    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return month }
        return "\(French.months[parts[1] - 1]) \(parts[0])"
    }

    static func select(_ name: String, label: String, options: [(String, String)], selected: String) -> Node<HTML.FormContext> {
        .group(
            .label(.for(name), .text(label)),
            .element(named: "select", nodes: [.attribute(named: "id", value: name), .attribute(named: "name", value: name)]
                + options.map { value, text in
                    // An empty value is written (`value`): an option without one would send its text.
                    .element(named: "option", nodes: [.attribute(named: "value", value: value.xmlEscaped, ignoreIfValueIsEmpty: false),
                                                      .if(value == selected, .attribute(named: "selected", value: "selected")),
                                                      .text(text)])
                })
        )
    }

    static func pager(_ content: Content) -> Component {
        let listing = content.listing, filter = content.filter
        guard listing.pageCount > 1 else { return Text("") }
        func link(_ page: Int) -> String {
            var query = path(uai: content.uai, yearID: listing.isOpen ? nil : listing.year.id)
            if let audience = filter.audience { query += "&classe=\(audience.token)" }
            if let subject = filter.subjectID { query += "&matiere=\(subject)" }
            if let month = filter.month { query += "&mois=\(month)" }
            return query + "&page=\(page)"
        }
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Pages"),
            .if(listing.page > 1, .a(.href(link(listing.page - 1)), .attribute(named: "rel", value: "prev"), .text("Page précédente"))),
            .span(.text("Page \(listing.page) sur \(listing.pageCount)")),
            .if(listing.page < listing.pageCount, .a(.href(link(listing.page + 1)), .attribute(named: "rel", value: "next"), .text("Page suivante")))
        )
    }
}

/// The logbook's own menu: the teacher's week, the homework to do, the classes' sessions.
struct LogbookMenu {
    let uai: String
    let teaches: Bool
    let hasHomework: Bool

    func component(current: String) -> Component {
        var links: [(String, String, String)] = []
        if teaches { links.append(("semaine", "Ma semaine", "/cahier-de-textes?etablissement=\(uai)")) }
        if hasHomework { links.append(("travail", "Travail à faire", "/cahier-de-textes/travail?etablissement=\(uai)")) }
        links.append(("classes", "Séances des classes", LogbookBrowsePage.path(uai: uai)))
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Cahier de textes"),
            .forEach(links) { key, label, url in
                .a(.href(url), .if(key == current, .attribute(named: "aria-current", value: "page")), .text(label))
            }
        )
    }
}
