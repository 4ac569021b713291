import BasculeDomain
import BasculeStorage
import Plot

/// « Agenda »: a month (a table of weeks) or a week (a column per day) of one's events, with
/// the way to the previous and next ones, and the form of an event.
enum AgendaPage {
    enum View {
        case month(first: CalendarDate)
        case week(monday: CalendarDate)

        /// The first and last days the view shows: whole weeks, Monday to Sunday.
        var firstShown: CalendarDate {
            switch self {
            case .month(let first): first.mondayOfWeek
            case .week(let monday): monday
            }
        }

        var lastShown: CalendarDate {
            switch self {
            case .month(let first): AgendaPage.lastDay(of: first).mondayOfWeek.adding(days: 6)
            case .week(let monday): monday.adding(days: 6)
            }
        }
    }

    static func monthPath(_ first: CalendarDate) -> String {
        "/agenda?mois=\(first.iso.prefix(7))"
    }

    static func weekPath(_ monday: CalendarDate) -> String {
        "/agenda?semaine=\(monday.iso)"
    }

    static func weekPath(of event: AgendaStore.Event) -> String {
        let day = (try? CalendarDate(iso: String(event.starts_at.prefix(10)))) ?? CalendarDate(dayNumber: 0)
        return weekPath(day.mondayOfWeek) + "#evenement-\(event.id)"
    }

    static func firstOfMonth(_ day: CalendarDate) -> CalendarDate {
        day.adding(days: 1 - day.day)
    }

    /// The month's last day: the day before the first of the next (32 days on is always in it).
    static func lastDay(of first: CalendarDate) -> CalendarDate {
        firstOfMonth(firstOfMonth(first).adding(days: 32)).adding(days: -1)
    }

    static func calendar(_ view: View, events: [AgendaStore.Event], today: CalendarDate, context: PageContext) -> Page {
        let byDay = eventsByDay(events, from: view.firstShown, through: view.lastShown)
        let title: String
        let previous: (String, String), next: (String, String), other: (String, String)
        switch view {
        case .month(let first):
            title = "Agenda — \(French.months[first.month - 1]) \(first.year)"
            let before = first.adding(days: -1)
            previous = (monthPath(firstOfMonth(before)), "Mois précédent")
            next = (monthPath(lastDay(of: first).adding(days: 1)), "Mois suivant")
            let monday = (first.month == today.month && first.year == today.year ? today : first).mondayOfWeek
            other = (weekPath(monday), "Vue par semaine")
        case .week(let monday):
            title = "Agenda — semaine du \(French.longDate(monday))"
            previous = (weekPath(monday.adding(days: -7)), "Semaine précédente")
            next = (weekPath(monday.adding(days: 7)), "Semaine suivante")
            other = (monthPath(firstOfMonth(monday)), "Vue par mois")
        }
        return Page(title: title, context: context) {
            Node<HTML.BodyContext>.nav(
                .class("sub"), .attribute(named: "aria-label", value: "Parcourir l'agenda"),
                .a(.href(previous.0), .text("← " + previous.1)), .a(.href(next.0), .text(next.1 + " →")),
                .a(.href(other.0), .text(other.1)), .a(.href("/agenda"), .text("Aujourd'hui")),
                .a(.href("/agenda/nouveau"), .class("button"), .text("Nouvel événement")),
                .a(.href("/agenda/agenda.ics"), .text("Exporter l'agenda (.ics)"))
            )
            if events.isEmpty { Paragraph("Aucun événement sur cette période.").class("muted") }
            switch view {
            case .month(let first): month(first, byDay: byDay, today: today)
            case .week(let monday): week(monday, byDay: byDay, today: today)
            }
        }
    }

    /// Each shown day's events, an event of several days under each of them.
    static func eventsByDay(_ events: [AgendaStore.Event], from: CalendarDate, through: CalendarDate) -> [CalendarDate: [AgendaStore.Event]] {
        var out: [CalendarDate: [AgendaStore.Event]] = [:]
        for event in events {
            guard let start = try? CalendarDate(iso: String(event.starts_at.prefix(10))),
                  let end = try? CalendarDate(iso: String(event.ends_at.prefix(10))) else { continue }
            var day = max(start, from)
            while day <= min(end, through) {
                out[day, default: []].append(event)
                day = day.adding(days: 1)
            }
        }
        return out
    }

    static func month(_ first: CalendarDate, byDay: [CalendarDate: [AgendaStore.Event]], today: CalendarDate) -> Component {
        let view = View.month(first: first)
        let weeks = stride(from: view.firstShown.dayNumber, through: view.lastShown.dayNumber, by: 7).map { CalendarDate(dayNumber: $0) }
        return Node<HTML.BodyContext>.table(
            .class("month"),
            .caption(.class("visually-hidden"), .text("\(French.capitalized(French.months[first.month - 1])) \(first.year)")),
            .thead(.tr(.forEach(French.weekdays) { .th(.attribute(named: "scope", value: "col"), .text(French.capitalized($0))) })),
            .tbody(.forEach(weeks) { monday in
                .tr(.forEach((0..<7).map { monday.adding(days: $0) }) { day in
                    .td(.class(day.month == first.month ? (day == today ? "today" : "") : "other"),
                        .if(day == today, .attribute(named: "aria-current", value: "date")),
                        .p(.class("daynumber"), .a(.href("/agenda/nouveau?date=\(day.iso)"),
                                                   .text(French.longDate(day, withYear: false)),
                                                   .span(.class("visually-hidden"), .text("\u{A0}: ajouter un événement")))),
                        .ul(.class("events"), .forEach(byDay[day] ?? []) { item(event: $0, on: day) }))
                })
            })
        )
    }

    static func week(_ monday: CalendarDate, byDay: [CalendarDate: [AgendaStore.Event]], today: CalendarDate) -> Component {
        Node<HTML.BodyContext>.div(.class("week"), .forEach((0..<7).map { monday.adding(days: $0) }) { day in
            .section(.class("day"), .if(day == today, .attribute(named: "aria-current", value: "date")),
                     .h2(.text(French.capitalized(French.longDate(day, withYear: false)))),
                     .if((byDay[day] ?? []).isEmpty, .p(.class("muted"), .text("Rien de prévu."))),
                     .ul(.class("courses"), .forEach(byDay[day] ?? []) { item(event: $0, on: day) }),
                     .p(.a(.href("/agenda/nouveau?date=\(day.iso)"), .text("Ajouter"),
                           .span(.class("visually-hidden"), .text(" un événement le \(French.longDate(day))")))))
        })
    }

    static func item(event: AgendaStore.Event, on day: CalendarDate) -> Node<HTML.ListContext> {
        let startsToday = event.starts_at.hasPrefix(day.iso)
        let time = startsToday ? clock(event.starts_at) : "suite"
        return .li(.id("evenement-\(event.id)"),
                   .a(.href("/agenda/evenements/\(event.id)"), .span(.class("subject"), .text(time + " — " + event.title))),
                   .unwrap(event.location) { .p(.class("muted"), .text($0)) })
    }

    /// « 9 h 30 » from a stored instant.
    static func clock(_ instant: String) -> String {
        TimeOfDay(instant: instant).map(French.time) ?? ""
    }

    /// « lundi 7 décembre 2026, de 9 h à 10 h », or « du … au … » across days.
    static func when(_ event: AgendaStore.Event) -> String {
        guard let start = try? CalendarDate(iso: String(event.starts_at.prefix(10))),
              let end = try? CalendarDate(iso: String(event.ends_at.prefix(10))) else { return event.starts_at }
        if start == end { return "\(French.capitalized(French.longDate(start))), de \(clock(event.starts_at)) à \(clock(event.ends_at))" }
        return "Du \(French.longDate(start)) à \(clock(event.starts_at)) au \(French.longDate(end)) à \(clock(event.ends_at))"
    }
}
