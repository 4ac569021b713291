import BasculeDomain
import BasculeStorage
import Plot

/// « Cahier de textes »: a teacher's week of courses as the timetable lays it out, each one
/// with the content already written for it or a form to write it (no JavaScript needed).
enum LogbookPage {
    static func path(uai: String, week: CalendarDate) -> String {
        "/cahier-de-textes?etablissement=\(uai)&semaine=\(week.iso)"
    }

    static func page(_ week: LogbookWeek, uai: String, today: CalendarDate, menu: LogbookMenu, context: PageContext) -> Page {
        let timetable = week.timetable
        return Page(title: "Cahier de textes", context: context) {
            menu.component(current: "semaine")
            TimetablePage.navigation(timetable, today: today) { path(uai: uai, week: $0) }
            TimetablePage.holidays(timetable)
            if !timetable.hasTimetable {
                Paragraph("Aucun emploi du temps importé pour cette année\u{A0}: pas de séance à remplir.").class("alert")
            } else if week.entries.isEmpty {
                Paragraph("Aucun de vos cours n'a lieu cette semaine.").class("muted")
            }
            for date in (0..<7).map({ timetable.monday.adding(days: $0) }) {
                let entries = week.entries.filter { $0.occurrence.date == date }
                if !entries.isEmpty {
                    H3(French.capitalized(French.longDate(date)))
                    for entry in entries { self.entry(entry, uai: uai, csrf: context.csrf) }
                }
            }
        }
    }

    static func entry(_ entry: LogbookWeek.Entry, uai: String, csrf: String) -> Component {
        Div {
            TimetablePage.course(entry.occurrence)
            if case .text(let content) = entry.session?["content"] ?? .null {
                Paragraph("Séance remplie").class("done")
                Paragraph(content).class("session")
                if let id = entry.session?["id"]?.int {
                    Paragraph { Link("Modifier la séance ou donner du travail", url: LogbookSessionPage.path(uai: uai, id: id)) }
                }
            } else {
                form(entry.occurrence, uai: uai, csrf: csrf)
            }
        }.class("card")
    }

    private static func form(_ occurrence: TimetableWeek.Occurrence, uai: String, csrf: String) -> Component {
        let id = "seance-\(occurrence.courseID)-\(occurrence.date.iso)"
        return Node<HTML.BodyContext>.form(
            .action("/cahier-de-textes"), .method(.post),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .input(.type(.hidden), .name("etablissement"), .value(uai.xmlEscaped)),
            .input(.type(.hidden), .name("cours"), .value(String(occurrence.courseID))),
            .input(.type(.hidden), .name("date"), .value(occurrence.date.iso)),
            .label(.for(id), .text("Contenu de la séance")),
            .textarea(.attribute(named: "id", value: id), .name("contenu"), .rows(4), .required(true)),
            .button(.type(.submit), .text("Remplir la séance"))
        )
    }
}
