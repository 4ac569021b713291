import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// « Changement d'année » of an establishment, for its administrators and heads (and the
/// operator): the calendar, the checklist of what the guide leaves to the establishment (each
/// with its count, its list, its action and whether it is done), what the change will do to
/// each kind of data and, once it has run, what it did.
enum YearChangeDashboardPage {
    /// How many rows each checklist item lists.
    static let listLimit = 50

    static func page(plan: YearChangeEngine.EstablishmentPlan, run: YearChangeEngine.RunStatus?, from: SchoolYearName,
                     calendar: AccessCalendar, now: String, nextYearMissing: (year: SchoolYearName, isOperator: Bool)?,
                     context: PageContext) -> Page {
        let uai = plan.uai
        let open = plan.state == "pending" || plan.state == "held"
        return Page(title: "Changement d'année \(from.description) → \(from.next.description)", context: context) {
            Paragraph("\(plan.name) (\(uai)) — état : \(stateLabel(plan.state))").class("muted")
            EstablishmentPages.nav(uai)
            if let missing = nextYearMissing {
                ImportConsolePage.missingYearWarning(missing.year, withLink: missing.isOperator)
                if !missing.isOperator { Paragraph("L'opérateur de la plateforme l'importe dès que l'académie le livre.").class("muted") }
            }
            if let endings = plan.timetableEndings {
                Div {
                    H2("Emploi du temps\u{A0}: inscriptions terminées avant le changement")
                    TimetableAdminPage.endingsSummary(endings)
                    Paragraph { Link("Garder les inscriptions jusqu'au changement", url: EstablishmentPages.path(uai, "emploi-du-temps") + "#inscriptions") }
                }.class("card").id("emploi-du-temps")
            }
            H2("Calendrier")
            calendarSection(calendar, now: now)
            if let run { resultSection(run, uai: uai) }
            H2("À faire par l'établissement avant le changement")
            let done = plan.checklist.filter(\.isDone).count
            Paragraph("Prêt : \(French.count(done, "point")) sur \(plan.checklist.count).").class(done == plan.checklist.count ? "done" : "todo")
            Div {
                H3("Exporter les données à conserver")
                Paragraph("Une archive ZIP : dossiers et statistiques d'absences, statistiques de punitions et de sanctions, photos des fiches élèves, synthèses des conseils de classe, carnet de liaison, cours Moodle des enseignants qui partent. Tableurs CSV (séparateur « ; », UTF-8) et une page à imprimer.")
                EstablishmentPages.button("Exporter (ZIP)", action: EstablishmentPages.path(uai, "changement-d-annee/export"),
                                          csrf: context.csrf)
            }.class("card")
            for item in plan.checklist {
                checklistCard(item, uai: uai, open: open, csrf: context.csrf)
            }
            H2("Ce que fera le changement")
            planTable(plan.steps)
        }
    }

    /// Per rule: the data, what the change does with it, how many rows.
    static func planTable(_ steps: [YearChangeEngine.StepPlan]) -> Component {
        Table(
            caption: TableCaption("Par règle du guide : données, traitement, lignes concernées"),
            header: TableRow {
                TableHeaderCell("Données")
                TableHeaderCell("Traitement")
                TableHeaderCell("Lignes")
            }
        ) {
            for step in steps {
                TableRow {
                    TableCell(step.data)
                    TableCell(step.action)
                    TableCell(String(step.rows))
                }
            }
        }
    }

    static func checklistCard(_ item: ChecklistItem, uai: String, open: Bool, csrf: String) -> Component {
        Div {
            H3(item.label + "\u{A0}: \(item.count)")
            Paragraph(item.isDone ? "✔ Fait" : "À faire").class(item.isDone ? "done" : "todo")
            Paragraph("Sinon : \(item.risk). À faire : \(item.action).").class("muted")
            if let note = item.doneNote { Paragraph(note).class("muted") }
            if item.kind == .fix, open, !item.entries.isEmpty {
                fixForm(item, uai: uai, csrf: csrf)
            } else if !item.entries.isEmpty {
                List(item.entries) { entry in ListItem(entry.label + (entry.count.map { " — \($0)" } ?? "")) }
            }
            if item.entries.count == listLimit {
                Paragraph("(les \(listLimit) premiers)").class("muted")
            }
            if item.kind == .notify, open, item.count > 0 {
                EstablishmentPages.button("Prévenir ces personnes par la messagerie",
                                          action: EstablishmentPages.path(uai, "changement-d-annee/prevenir"), csrf: csrf)
            }
            if item.kind == .export, item.count > 0 {
                Paragraph("Compris dans l'export ZIP ci-dessus.").class("muted")
            }
        }.class("card").id(item.id.rawValue)
    }

    /// Checkboxes for the listed rows, with "the selection" and "all of them" buttons.
    static func fixForm(_ item: ChecklistItem, uai: String, csrf: String) -> Component {
        let verb = switch item.id {
        case .manualGroups: "Passer en « Non limitée »"
        case .manualAccounts: "Rendre pérenne"
        default: "Décocher « Rubrique temporaire »"
        }
        return Node<HTML.BodyContext>.form(
            .action(EstablishmentPages.path(uai, "changement-d-annee/conserver/\(item.id.rawValue)")), .method(.post),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .ul(.class("choices"), .attribute(named: "aria-label", value: "Lignes à choisir"), .forEach(item.entries) { entry in
                    .li(.input(.type(.checkbox), .name("ids[]"), .value(String(entry.id)), .id("\(item.id.rawValue)-\(entry.id)")),
                    .label(.for("\(item.id.rawValue)-\(entry.id)"), .text(" " + entry.label + (entry.count.map { " — \($0)" } ?? ""))))
            }),
            .div(.class("actions"),
                 .button(.type(.submit), .name("portee"), .value("selection"), .text("\(verb) : la sélection")),
                 .button(.type(.submit), .name("portee"), .value("tous"), .class("secondary"), .text("\(verb) : les \(item.count)")))
        )
    }

    static func resultSection(_ run: YearChangeEngine.RunStatus, uai: String) -> Component {
        Div {
            H2("Résultat du changement")
            Paragraph("Commencé le \(AccessClosed.french(run.startedAt))"
                      + (run.finishedAt.map { ", terminé le \(AccessClosed.french($0))" } ?? "") + ".")
            if let hold = run.holdReason { Paragraph("En attente de confirmation : \(hold)").class("alert") }
            Table(header: TableRow {
                TableHeaderCell("Étape")
                TableHeaderCell("Lignes")
                TableHeaderCell("Durée (ms)")
            }) {
                for step in run.steps {
                    TableRow {
                        TableCell(YearChangeRules.all.first { $0.id.rawValue == step.step }?.data ?? step.step)
                        TableCell(String(step.rows))
                        TableCell(String(step.milliseconds))
                    }
                }
            }
            if !run.remaining.isEmpty { Paragraph("Étapes restantes : \(run.remaining.count).").class("todo") }
            Paragraph {
                Link("Voir les archives", url: EstablishmentPages.path(uai, "archives"))
                Text(" · ")
                Link("Voir la corbeille", url: EstablishmentPages.path(uai, "corbeille"))
            }
        }.class("card")
    }

    static func calendarSection(_ calendar: AccessCalendar, now: String) -> Component {
        let upcoming = calendar.phases.filter { $0.endsAt > now }
        guard let first = upcoming.first else {
            return Paragraph("Aucune période de fermeture n'est prévue.")
        }
        let today = (try? CalendarDate(iso: String(now.prefix(10))))?.dayNumber ?? 0
        let start = (try? CalendarDate(iso: String(first.startsAt.prefix(10))))?.dayNumber ?? today
        return Div {
            Paragraph(start > today ? "Première fermeture dans \(French.count(start - today, "jour"))." : "Une période est en cours.")
            List(upcoming) { phase in
                ListItem("\(AccessClosed.french(phase.startsAt)) → \(AccessClosed.french(phase.endsAt)) : \(phase.label) — \(phase.access.label)")
            }
        }
    }

    /// A plan's state: `pending` (no change yet) or its run's.
    static func stateLabel(_ state: String) -> String {
        YearChangeRunState(rawValue: state)?.label ?? "à faire"
    }
}
