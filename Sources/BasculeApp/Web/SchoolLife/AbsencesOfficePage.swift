import BasculeDomain
import BasculeStorage
import Plot

/// « Absences » of the school life office: the establishment's absences and lateness, filtered
/// by class, period, kind and justification, paged; each justified in place (a reason, a box).
enum AbsencesOfficePage {
    struct Content {
        let uai: String
        let listing: SchoolLifeStore.OfficeListing
        let filter: SchoolLifeStore.OfficeFilter
        let classes: [(id: Int, code: String)]
        let menu: SchoolLifeMenu
    }

    static func query(_ content: Content, page: Int? = nil) -> String {
        let f = content.filter
        var query = SchoolLifeMenu.path("absences", uai: content.uai)
        if let id = f.classID { query += "&classe=\(id)" }
        if let from = f.from { query += "&du=\(from.iso)" }
        if let to = f.to { query += "&au=\(to.iso)" }
        if let kind = f.kind { query += "&nature=\(kind.rawValue)" }
        if f.onlyUnjustified { query += "&a-justifier=1" }
        return query + (page.map { "&page=\($0)" } ?? "")
    }

    static func page(_ content: Content, context: PageContext) -> Page {
        let listing = content.listing
        return Page(title: "Absences et retards", context: context) {
            content.menu.component(current: "absences")
            PeriodFilter.form(action: "/vie-scolaire/absences", uai: content.uai, classes: content.classes, classID: content.filter.classID,
                              from: content.filter.from, to: content.filter.to, extra: [
                LogbookBrowsePage.select("nature", label: "Nature", options: [("", "Absences et retards")]
                                         + AbsenceKind.allCases.map { ($0.rawValue, $0 == .absence ? "Absences" : "Retards") },
                                         selected: content.filter.kind?.rawValue ?? ""),
                .label(.class("choice"), .input(.type(.checkbox), .name("a-justifier"), .value("1"), .checked(content.filter.onlyUnjustified)),
                       .text(" Non justifiées seulement")),
            ])
            Paragraph(listing.total == 0 ? "Aucune absence ne correspond à ces critères."
                      : "\(French.count(listing.total, "ligne")) pour l'année \(listing.year.name).").attribute(named: "role", value: "status")
            for absence in listing.absences {
                Node<HTML.BodyContext>.form(
                    .action("/vie-scolaire/absences/\(absence.id)?etablissement=\(content.uai)"), .method(.post), .class("card"),
                    .id("absence-\(absence.id)"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .input(.type(.hidden), .name("retour"), .value(query(content, page: listing.page).xmlEscaped)),
                    .h2(.a(.href(StudentRecordPage.path(uai: content.uai, student: absence.student_id)),
                           .text(absence.studentName + (absence.class_code.map { " (\($0))" } ?? "")))),
                    .p(.text((absence.absenceKind == .late ? "Retard, " : "Absence, ") + StudentRecordPage.span(absence))),
                    LogbookBrowsePage.select("motif-\(absence.id)", label: "Motif", options: [("", "Sans motif")]
                                             + listing.reasons.map { (String($0.id), $0.label) },
                                             selected: absence.reason_id.map(String.init) ?? ""),
                    .label(.class("choice"), .input(.type(.checkbox), .name("justifiee"), .value("1"), .checked(absence.is_justified)),
                           .text(" Justifiée")),
                    .button(.type(.submit), .text("Enregistrer"))
                )
            }
            pager(content)
        }
    }

    static func pager(_ content: Content) -> Component {
        let listing = content.listing
        guard listing.pageCount > 1 else { return Text("") }
        return Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Pages"),
            .if(listing.page > 1, .a(.href(query(content, page: listing.page - 1)), .attribute(named: "rel", value: "prev"), .text("Page précédente"))),
            .span(.text("Page \(listing.page) sur \(listing.pageCount)")),
            .if(listing.page < listing.pageCount, .a(.href(query(content, page: listing.page + 1)), .attribute(named: "rel", value: "next"), .text("Page suivante")))
        )
    }
}

/// The filter of the office's pages: a class and a period.
enum PeriodFilter {
    static func form(action: String, uai: String, classes: [(id: Int, code: String)], classID: Int?, from: CalendarDate?,
                     to: CalendarDate?, extra: [Node<HTML.FormContext>] = []) -> Component {
        Node<HTML.BodyContext>.form(
            .action(action), .method(.get), .class("actions"),
            .input(.type(.hidden), .name("etablissement"), .value(uai.xmlEscaped)),
            LogbookBrowsePage.select("classe", label: "Classe", options: [("", "Toutes")] + classes.map { (String($0.id), $0.code) },
                                     selected: classID.map(String.init) ?? ""),
            .label(.for("du"), .text("Du")),
            .input(.type(.date), .id("du"), .name("du"), .value(from?.iso ?? "")),
            .label(.for("au"), .text("Au")),
            .input(.type(.date), .id("au"), .name("au"), .value(to?.iso ?? "")),
            .group(extra),
            .button(.type(.submit), .text("Filtrer"))
        )
    }
}
