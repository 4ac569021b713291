import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// « Changement d'année » of an establishment, for its administrators and heads (and the
/// operator): the calendar, what the change will do to each kind of data, and the checklist of
/// what the guide leaves to the establishment, with counts and the concrete lists. Read-only for
/// now: the one-click actions and exports come with the dashboard's next step.
enum YearChangeDashboardPage {
    static func page(plan: YearChangeEngine.EstablishmentPlan, from: SchoolYearName, calendar: AccessCalendar,
                     now: String, viewerName: String) -> Page {
        Page(title: "Changement d'année \(from.description) → \(from.next.description)", viewerName: viewerName) {
            Paragraph("\(plan.name) (\(plan.uai)) — état : \(stateLabel(plan.state))").class("muted")
            H2("Calendrier")
            calendarSection(calendar, now: now)
            H2("À faire par l'établissement avant le changement")
            let done = plan.checklist.filter { $0.count == 0 }.count
            Paragraph("\(done) point(s) sur \(plan.checklist.count) sans rien à sauvegarder.")
            for item in plan.checklist {
                Div {
                    H3("\(item.label) : \(item.count)")
                    Paragraph("Sinon : \(item.risk). À faire : \(item.action).").class("muted")
                    if !item.entries.isEmpty {
                        List(item.entries) { entry in
                            ListItem(entry.label + (entry.count.map { " — \($0)" } ?? ""))
                        }
                    }
                }.class("card")
            }
            H2("Ce que fera le changement")
            Table(
                caption: TableCaption("Par règle du guide : données, traitement, lignes concernées"),
                header: TableRow {
                    TableHeaderCell("Données")
                    TableHeaderCell("Traitement")
                    TableHeaderCell("Lignes")
                }
            ) {
                for step in plan.steps {
                    TableRow {
                        TableCell(step.data)
                        TableCell(step.action)
                        TableCell(String(step.rows))
                    }
                }
            }
        }
    }

    static func calendarSection(_ calendar: AccessCalendar, now: String) -> Component {
        let upcoming = calendar.phases.filter { $0.endsAt > now }
        guard let first = upcoming.first else {
            return Paragraph("Aucune période de fermeture n'est prévue.")
        }
        let today = (try? CalendarDate(iso: String(now.prefix(10))))?.dayNumber ?? 0
        let start = (try? CalendarDate(iso: String(first.startsAt.prefix(10))))?.dayNumber ?? today
        return Div {
            Paragraph(start > today ? "Première fermeture dans \(start - today) jour(s)." : "Une période est en cours.")
            List(upcoming) { phase in
                ListItem("\(AccessClosed.french(phase.startsAt)) → \(AccessClosed.french(phase.endsAt)) : \(phase.label) — \(phase.access.label)")
            }
        }
    }

    static func stateLabel(_ state: String) -> String {
        switch state {
        case "pending": "à faire"
        case "running": "en cours (reprendra où il s'est arrêté)"
        case "held": "en attente de confirmation"
        case "done": "changé"
        case "purged": "changé, purgé"
        default: state
        }
    }
}
