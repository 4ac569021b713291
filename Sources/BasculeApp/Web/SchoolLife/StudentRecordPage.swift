import BasculeDomain
import BasculeStorage
import Plot

/// « Absences et punitions »: a student's year — absences and lateness, punishments, sanctions —
/// for the student, each of their parents (a select per child) and the personnel.
enum StudentRecordPage {
    static func path(uai: String, student: Int? = nil) -> String {
        SchoolLifeMenu.path("suivi", uai: uai) + (student.map { "&eleve=\($0)" } ?? "")
    }

    static func page(_ record: SchoolLifeStore.StudentRecord, studentID: Int, children: [(id: Int, label: String)],
                     menu: SchoolLifeMenu, context: PageContext) -> Page {
        let absences = record.absences.filter { $0.absenceKind == .absence }
        let late = record.absences.filter { $0.absenceKind == .late }
        return Page(title: "Vie scolaire de \(record.studentName)", context: context) {
            menu.component(current: "suivi")
            if children.count > 1 {
                Node<HTML.BodyContext>.form(
                    .action("/vie-scolaire/suivi"), .method(.get), .class("actions"),
                    .input(.type(.hidden), .name("etablissement"), .value(menu.uai.xmlEscaped)),
                    LogbookBrowsePage.select("eleve", label: "Enfant", options: children.map { (String($0.id), $0.label) },
                                             selected: String(studentID)),
                    .button(.type(.submit), .text("Afficher"))
                )
            }
            Paragraph("Année \(record.year.name)\u{A0}: \(French.count(absences.count, "absence")), \(French.count(late.count, "retard")), "
                      + "\(French.count(record.punishments.count, "punition")), \(French.count(record.sanctions.count, "sanction")).")
                .attribute(named: "role", value: "status")
            H2("Absences")
            lines(absences, empty: "Aucune absence.")
            H2("Retards")
            lines(late, empty: "Aucun retard.")
            H2("Punitions")
            if record.punishments.isEmpty { Paragraph("Aucune punition.").class("muted") }
            List(record.punishments) { punishment in
                ListItem {
                    Text(day(punishment.given_on) + " — " + (punishment.type ?? "Punition")
                         + (punishment.reason.map { ", motif\u{A0}: \($0)" } ?? "")
                         + (punishment.given_by_name.map { " (donnée par \($0))" } ?? ""))
                    if !punishment.notes.isEmpty { Paragraph(punishment.notes).class("muted") }
                }
            }
            H2("Sanctions")
            if record.sanctions.isEmpty { Paragraph("Aucune sanction.").class("muted") }
            List(record.sanctions) { sanction in
                ListItem {
                    Text(day(sanction.decided_on) + " — " + (sanction.sanctionKind?.label ?? sanction.kind)
                         + (sanction.reason.map { ", motif\u{A0}: \($0)" } ?? ""))
                    if !sanction.decision.isEmpty { Paragraph(sanction.decision).class("muted") }
                }
            }
        }
    }

    static func lines(_ absences: [SchoolLifeStore.Absence], empty: String) -> Component {
        guard !absences.isEmpty else { return Paragraph(empty).class("muted") }
        return List(absences) { absence in
            ListItem {
                Text(span(absence) + " — " + (absence.reason ?? "sans motif") + ", "
                     + (absence.is_justified ? "justifiée" : "non justifiée"))
            }
        }
    }

    /// « lundi 6 octobre 2025, 8 h – 9 h ».
    static func span(_ absence: SchoolLifeStore.Absence) -> String {
        guard let date = try? CalendarDate(iso: String(absence.starts_at.prefix(10))) else { return absence.starts_at }
        let start = TimeOfDay(instant: absence.starts_at), end = TimeOfDay(instant: absence.ends_at)
        let hours = start.map { s in end.map { "\(French.time(s)) – \(French.time($0))" } ?? French.time(s) }
        return French.longDate(date) + (hours.map { ", \($0)" } ?? "")
    }

    static func day(_ iso: String) -> String {
        (try? CalendarDate(iso: String(iso.prefix(10)))).map(French.date) ?? iso
    }
}
