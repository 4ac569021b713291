import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// « Emploi du temps »: a week of one person's, class's, group's or room's courses, with the
/// way to pick another (a form that works without JavaScript) and to move by week.
enum TimetablePage {
    struct Selection {
        let establishments: [(uai: String, name: String)]
        let uai: String
        let choices: TimetableChoices
        let target: TimetableTarget?
        let viewerID: Int
    }

    /// `cible=class:12` and the like, as the selector posts it.
    static func value(_ target: TimetableTarget) -> String { "\(target.kind.rawValue):\(target.targetID)" }

    static func target(_ text: String?) -> TimetableTarget? {
        guard let parts = text?.split(separator: ":"), parts.count == 2, let kind = TimetableTarget.Kind(rawValue: String(parts[0])),
              let id = Int(parts[1]) else { return nil }
        return TimetableTarget(kind: kind, id: id)
    }

    /// The week shown when none is picked: one's own, else one's first child's, else the first class's.
    static func defaultTarget(_ choices: TimetableChoices, viewerID: Int) -> TimetableTarget? {
        if let own = choices.ownTarget { return TimetableTarget(kind: own, id: viewerID) }
        if let child = choices.children.first { return .student(child.id) }
        return choices.classes.first.map { .schoolClass($0.id) }
    }

    static func path(uai: String, target: TimetableTarget?, week: CalendarDate) -> String {
        var query = ["etablissement=\(uai)"]
        if let target { query.append("cible=\(value(target))") }
        query.append("semaine=\(week.iso)")
        return "/emploi-du-temps?" + query.joined(separator: "&")
    }

    static func page(selection: Selection, week: TimetableWeek?, today: CalendarDate, context: PageContext) -> Page {
        Page(title: week.map { "Emploi du temps — \($0.title)" } ?? "Emploi du temps", context: context) {
            selector(selection, week: week?.monday ?? today)
            if let week {
                navigation(week, today: today) { path(uai: selection.uai, target: selection.target, week: $0) }
                weekContent(week)
            } else {
                Paragraph("Choisissez une classe, un groupe, un enseignant ou une salle.").class("muted")
            }
        }
    }

    static func selector(_ selection: Selection, week: CalendarDate) -> Component {
        let choices = selection.choices
        var groups: [(String, [(TimetableTarget, String)])] = []
        if let own = choices.ownTarget {
            groups.append(("Moi", [(TimetableTarget(kind: own, id: selection.viewerID), "Mon emploi du temps")]))
        }
        groups.append(("Mes enfants", choices.children.map { (.student($0.id), $0.label) }))
        groups.append(("Classes", choices.classes.map { (.schoolClass($0.id), $0.label) }))
        groups.append(("Groupes", choices.groups.map { (.group($0.id), $0.label) }))
        groups.append(("Enseignants", choices.teachers.map { (.teacher($0.id), $0.label) }))
        groups.append(("Salles", choices.rooms.map { (.room($0.id), $0.label) }))
        groups = groups.filter { !$0.1.isEmpty }
        let count = groups.map(\.1.count).reduce(0, +)
        // A student's or a teacher's own week alone needs no choice; a parent always sees whose week it is.
        guard count > 1 || !choices.children.isEmpty || selection.establishments.count > 1 else { return Text("") }
        return Node<HTML.BodyContext>.form(
            .action("/emploi-du-temps"), .method(.get), .class("actions"),
            .input(.type(.hidden), .name("semaine"), .value(week.iso)),
            .if(selection.establishments.count > 1, .group(
                .label(.for("etablissement"), .text("Établissement")),
                .element(named: "select", nodes: [.attribute(named: "id", value: "etablissement"),
                                                  .attribute(named: "name", value: "etablissement")]
                    + selection.establishments.map { option($0.uai, label: $0.name, selected: $0.uai == selection.uai) })
            ), else: .input(.type(.hidden), .name("etablissement"), .value(selection.uai))),
            .if(count > 0, .group(
                .label(.for("cible"), .text("Emploi du temps de")),
                .element(named: "select", nodes: [.attribute(named: "id", value: "cible"), .attribute(named: "name", value: "cible")]
                    + groups.map { group in
                        .element(named: "optgroup", nodes: [.attribute(named: "label", value: group.0)] + group.1.map {
                            option(value($0.0), label: $0.1, selected: $0.0 == selection.target)
                        })
                    })
            )),
            .button(.type(.submit), .text("Afficher"))
        )
    }

    private static func option(_ value: String, label: String, selected: Bool) -> Node<HTML.BodyContext> {
        .element(named: "option", nodes: [.attribute(named: "value", value: value),
                                          .if(selected, .attribute(named: "selected", value: "selected")), .text(label)])
    }

    /// The week's heading and the links to the previous, current and next weeks (`path` of a day).
    static func navigation(_ week: TimetableWeek, today: CalendarDate, path: (CalendarDate) -> String) -> Component {
        let sunday = week.monday.adding(days: 6)
        let heading = "Semaine du \(French.longDate(week.monday, withYear: week.monday.year != sunday.year)) au \(French.longDate(sunday))"
        let links = Node<HTML.BodyContext>.nav(
            .class("sub"), .attribute(named: "aria-label", value: "Changer de semaine"),
            .a(.href(path(week.monday.adding(days: -7))), .text("← Semaine précédente")),
            .a(.href(path(today)), .text("Aujourd'hui")),
            .a(.href(path(week.monday.adding(days: 7))), .text("Semaine suivante →"))
        )
        return Div {
            H2(heading)
            if let number = week.schoolWeek { Paragraph("Semaine \(number) de l'année scolaire").class("muted") }
            links
        }
    }

    static func weekContent(_ week: TimetableWeek) -> Component {
        Div {
            if !week.hasTimetable {
                Paragraph("Aucun emploi du temps importé pour cette année.").class("alert")
            }
            holidays(week)
            if week.hasTimetable, week.schoolWeek == nil {
                Paragraph("Cette semaine est en dehors de l'année de l'emploi du temps.").class("muted")
            } else if week.isWithoutCourses, week.holidays.isEmpty {
                Paragraph("Pas de cours cette semaine.").class("notice")
            }
            if week.hasTimetable, !week.isWithoutCourses, week.schoolWeek != nil {
                days(week)
            }
        }
    }

    /// The holidays the file states that meet the week.
    static func holidays(_ week: TimetableWeek) -> Component {
        ComponentGroup(members: week.holidays.map { holiday in
            Paragraph("\(holiday.label) — du \(French.longDate(holiday.startsOn)) au \(French.longDate(holiday.endsOn))")
                .class("notice")
        })
    }

    /// Monday to Friday, and the weekend days that have courses: a column each on a wide
    /// screen, one after the other on a phone.
    static func days(_ week: TimetableWeek) -> Component {
        let dates = (0..<7).map { week.monday.adding(days: $0) }
            .filter { $0.weekday <= 5 || !week.occurrences(on: $0).isEmpty }
        return Div {
            for date in dates {
                let occurrences = week.occurrences(on: date)
                let holiday = week.holidays.first { $0.startsOn <= date && date <= $0.endsOn }
                Div {
                    H3(French.capitalized(French.longDate(date, withYear: false)))
                    if occurrences.isEmpty {
                        Paragraph(holiday?.label ?? "Pas de cours").class("muted")
                    } else {
                        List(occurrences) { occurrence in
                            ListItem { course(occurrence) }
                        }.class("courses")
                    }
                }.class("day")
            }
        }.class("week")
    }

    static func course(_ occurrence: TimetableWeek.Occurrence) -> Component {
        Div {
            Paragraph("\(French.time(occurrence.startsAt)) – \(French.time(occurrence.endsAt))").class("time")
            Paragraph(occurrence.subject ?? occurrence.subjectCode ?? "Cours").class("subject")
            if !occurrence.teachers.isEmpty { Paragraph(occurrence.teachers.joined(separator: ", ")) }
            if !occurrence.audiences.isEmpty { Paragraph(occurrence.audiences.joined(separator: ", ")).class("muted") }
            if !occurrence.rooms.isEmpty {
                // « Salle 101 » is often the room's own name: never « Salle Salle 101 ».
                let named = occurrence.rooms.allSatisfy { $0.lowercased().hasPrefix("salle") }
                Paragraph((named ? "" : "\(French.agreeing(occurrence.rooms.count, "Salle", "Salles")) ") + occurrence.rooms.joined(separator: ", "))
            }
        }
    }
}
