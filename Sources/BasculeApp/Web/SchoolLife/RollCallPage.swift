import BasculeDomain
import BasculeStorage
import Plot

/// « Appel »: a teacher's courses of a day, and a course's roll-call sheet — each student
/// present, absent or late, with the establishment's reasons.
enum RollCallPage {
    static func path(uai: String, course: Int? = nil, day: CalendarDate) -> String {
        "/vie-scolaire/appel" + (course.map { "/\($0)" } ?? "") + "?etablissement=\(uai)&jour=\(day.iso)"
    }

    static func courses(_ courses: [RollCallStore.Course], day: CalendarDate, today: CalendarDate, menu: SchoolLifeMenu,
                        context: PageContext) -> Page {
        Page(title: "Appel du \(French.longDate(day))", context: context) {
            menu.component(current: "appel")
            Node<HTML.BodyContext>.nav(
                .class("sub"), .attribute(named: "aria-label", value: "Jours"),
                .a(.href(path(uai: menu.uai, day: day.adding(days: -1))), .attribute(named: "rel", value: "prev"), .text("Jour précédent")),
                .if(day != today, .a(.href(path(uai: menu.uai, day: today)), .text("Aujourd'hui"))),
                .a(.href(path(uai: menu.uai, day: day.adding(days: 1))), .attribute(named: "rel", value: "next"), .text("Jour suivant"))
            )
            if courses.isEmpty { Paragraph("Vous n'avez aucun cours ce jour-là.").class("muted") }
            List(courses) { course in
                ListItem {
                    Link(title(course), url: path(uai: menu.uai, course: course.occurrence.courseID, day: day))
                    Paragraph(course.takenAt.map { "Appel fait le \(AccessClosed.french($0))." } ?? "Appel à faire.")
                        .class(course.takenAt == nil ? "" : "muted")
                }
            }.class("messages")
        }
    }

    /// « 8 h – 9 h — 4A, Mathématiques ».
    static func title(_ course: RollCallStore.Course) -> String {
        let o = course.occurrence
        let what = (o.audiences + [o.subject].compactMap { $0 }).joined(separator: ", ")
        return "\(French.time(o.startsAt)) – \(French.time(o.endsAt))" + (what.isEmpty ? "" : " — \(what)")
    }

    static func sheet(_ sheet: RollCallStore.Sheet, day: CalendarDate, menu: SchoolLifeMenu, context: PageContext) -> Page {
        let course = sheet.course
        return Page(title: "Appel — \(title(course))", context: context) {
            menu.component(current: "appel")
            Paragraph(French.capitalized(French.longDate(day)) + (course.takenAt.map { ". Appel fait le \(AccessClosed.french($0))." } ?? "."))
            if let deadline = sheet.deadline {
                Paragraph("L'appel se saisit jusqu'au \(AccessClosed.french(deadline)).").class("muted")
            }
            if sheet.students.isEmpty { Paragraph("Aucun élève n'est inscrit à ce cours.").class("muted") }
            Node<HTML.BodyContext>.form(
                .action(path(uai: menu.uai, course: course.occurrence.courseID, day: day)), .method(.post), .id("feuille"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .forEach(sheet.students) { student in row(student, noted: sheet.noted[student.id], reasons: sheet.reasons, enabled: sheet.mayWrite) },
                .if(sheet.mayWrite && !sheet.students.isEmpty, .button(.type(.submit), .text("Enregistrer l'appel")))
            )
            if !sheet.mayWrite {
                Paragraph("Cet appel ne se modifie plus ici\u{A0}: adressez-vous à la vie scolaire.").class("muted")
            }
            Paragraph { Link("Revenir aux cours du jour", url: path(uai: menu.uai, day: day)) }
        }
    }

    static let states: [(value: String, label: String, kind: AbsenceKind?)] = [
        ("present", "Présent", nil), ("absent", "Absent", .absence), ("retard", "En retard", .late),
    ]

    private static func row(_ student: RollCallStore.Student, noted: RollCallStore.Noted?, reasons: [RollCallStore.Reason],
                            enabled: Bool) -> Node<HTML.FormContext> {
        let current = noted.map { $0.absenceKind == .late ? "retard" : "absent" } ?? "present"
        let id = student.id
        let disabled: Node<HTML.FormContext> = enabled ? .empty : .attribute(named: "disabled", value: "disabled")
        let radios: [Node<HTML.FormContext>] = states.map { state in
            .label(.class("choice"),
                   .input(.type(.radio), .name("etat-\(id)"), .value(state.value), .checked(state.value == current),
                          Attribute(name: "disabled", value: enabled ? "" : "disabled", ignoreIfValueIsEmpty: true)),
                   .text(" " + state.label))
        }
        return .fieldset(.class("card"), .element(named: "legend", text: student.name), .group(radios),
                         reasons.isEmpty ? .empty : reasonSelect(id: id, selected: noted?.reason_id, reasons: reasons, disabled: disabled))
    }

    private static func reasonSelect(id: Int, selected: Int?, reasons: [RollCallStore.Reason],
                                     disabled: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
        let none: Node<HTML.FormContext> = .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text("Sans motif")])
        let options: [Node<HTML.FormContext>] = reasons.map { reason in
            .element(named: "option", nodes: [.attribute(named: "value", value: String(reason.id)),
                                              .if(reason.id == selected, .attribute(named: "selected", value: "selected")),
                                              .text(reason.label)])
        }
        return .group(
            .label(.for("motif-\(id)"), .text("Motif")),
            .element(named: "select", nodes: [.attribute(named: "id", value: "motif-\(id)"), .attribute(named: "name", value: "motif-\(id)"),
                                              disabled, none] + options)
        )
    }
}
