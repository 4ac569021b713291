import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// The operator's console, its plan view and the confirmation of what cannot be taken back lightly.
struct OperatorConsolePage {
    let from: SchoolYearName
    let readiness: [YearChangeEngine.Readiness]
    let total: Int
    let pageNumber: Int
    let filter: String
    let calendar: AccessCalendar
    let launches: [YearChangeLaunches.Launch]
    let runs: [YearChangeEngine.RunStatus]
    let context: PageContext

    /// A launch unfinished after this long died with its instance: the `year-change` lock is
    /// taken over then, and a new launch resumes the change where it stopped.
    static let staleAfter = YearChangeEngine.lockStaleAfter

    let now: Date
    let nextYearMissing: SchoolYearName?

    func isInterrupted(_ launch: YearChangeLaunches.Launch) -> Bool {
        launch.finishedAt == nil && launch.startedAt < CalendarDate.instant(now.addingTimeInterval(-Self.staleAfter))
    }

    /// A launch still going reloads the page every few seconds.
    var isBusy: Bool { launches.contains { $0.finishedAt == nil && !isInterrupted($0) } }

    func page() -> Page {
        Page(title: "Console de l'opérateur", context: context, refresh: isBusy ? 3 : nil) {
            Paragraph("Changement d'année \(from) → \(from.next)").class("muted")
            if let year = nextYearMissing { ImportConsolePage.missingYearWarning(year, withLink: true) }
            Paragraph { Link("Imports de l'annuaire académique", url: ImportConsole.path) }
            Paragraph { Link("Comptes verrouillés après trop d'essais de mot de passe", url: "/console/verrous") }
            establishmentsSection()
            followSection()
            calendarSection()
        }
    }

    func establishmentsSection() -> Component {
        let pages = max(1, (total + OperatorConsole.pageSize - 1) / OperatorConsole.pageSize)
        return Div {
            H2("Établissements")
            Node<HTML.BodyContext>.form(
                .action("/console"), .method(.get),
                .label(.for("q"), "Filtrer (UAI ou nom)"),
                .input(.type(.search), .name("q"), .id("q"), .value(filter.xmlEscaped)),
                .div(.class("actions"), .button(.type(.submit), .class("secondary"), .text("Filtrer")))
            )
            Paragraph("\(French.count(total, "établissement")) ; page \(pageNumber) sur \(pages).").class("muted")
            Node<HTML.BodyContext>.form(
                .action("/console/changement"), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .table(
                    .thead(.tr(.th("Choisir"), .th("UAI"), .th("Nom"), .th("Prêt"), .th("État"))),
                    .tbody(.forEach(readiness) { row in
                        .tr(
                            .td(.input(.type(.checkbox), .name("uai[]"), .value(row.uai), .id("uai-\(row.uai)"))),
                            .td(.label(.for("uai-\(row.uai)"), .text(row.uai))),
                            .td(.a(.href(EstablishmentPages.path(row.uai)), .text(row.name))),
                            .td(.class(row.done == row.total ? "done" : "todo"), .text("\(row.done)/\(row.total)")),
                            .td(.text(YearChangeDashboardPage.stateLabel(row.state)))
                        )
                    })
                ),
                .div(.class("actions"),
                     .button(.type(.submit), .attribute(named: "formaction", value: "/console/plan"),
                             .attribute(named: "formmethod", value: "get"), .class("secondary"), .text("Voir le plan de la sélection")),
                     .button(.type(.submit), .name("portee"), .value("selection"), .text("Lancer le changement : la sélection")),
                     .button(.type(.submit), .name("portee"), .value("tous"), .class("danger"), .text("Lancer le changement : tous les établissements")))
            )
            if pages > 1 {
                Paragraph {
                    if pageNumber > 1 { Link("← Page précédente", url: "/console?page=\(pageNumber - 1)&q=\(urlEncoded(filter))") }
                    Text(" ")
                    if pageNumber < pages { Link("Page suivante →", url: "/console?page=\(pageNumber + 1)&q=\(urlEncoded(filter))") }
                }
            }
        }
    }

    func followSection() -> Component {
        let active = runs.filter { $0.state != .undone }
        return Div {
            H2("Suivi").id("suivi")
            if isBusy { Paragraph("Un lancement est en cours : cette page se recharge toutes les 3 secondes.").class("todo") }
            if !launches.isEmpty {
                Table(caption: TableCaption("Lancements"), header: TableRow {
                    TableHeaderCell("Début")
                    TableHeaderCell("Action")
                    TableHeaderCell("Établissements")
                    TableHeaderCell("Résultat")
                }) {
                    for launch in launches {
                        TableRow {
                            TableCell(AccessClosed.french(launch.startedAt))
                            TableCell(launch.kind.label)
                            TableCell(launch.establishments.isEmpty ? "tous" : launch.establishments.replacingOccurrences(of: ",", with: ", "))
                            if let error = launch.error {
                                TableCell("Erreur : \(error)").class("alert")
                            } else if isInterrupted(launch) {
                                TableCell("Interrompu (l'instance s'est arrêtée) : relancez, le changement reprendra où il s'est arrêté.").class("alert")
                            } else {
                                TableCell(launch.outcome ?? "en cours…")
                            }
                        }
                    }
                }
            }
            Table(caption: TableCaption("Changements par établissement"), header: TableRow {
                TableHeaderCell("UAI")
                TableHeaderCell("État")
                TableHeaderCell("Étapes")
                TableHeaderCell("Lignes")
                TableHeaderCell("Temps")
                TableHeaderCell("Action")
            }) {
                for run in active.prefix(100) {
                    TableRow {
                        TableCell(run.uai)
                        TableCell(run.state.label + (run.holdReason.map { " : \($0)" } ?? ""))
                        TableCell("\(run.steps.count)/\(run.steps.count + run.remaining.count)")
                        TableCell(String(run.steps.map(\.rows).reduce(0, +)))
                        TableCell(String(format: "%.2f s", Double(run.steps.map(\.milliseconds).reduce(0, +)) / 1000))
                        TableCell { actions(for: run) }
                    }
                }
            }
        }
    }

    func actions(for run: YearChangeEngine.RunStatus) -> Component {
        Div {
            if run.state == .held {
                EstablishmentPages.button("Confirmer", action: "/console/changement", csrf: context.csrf,
                                          hidden: [("uai[]", run.uai), ("force", "oui")])
            }
            if [.done, .held, .running].contains(run.state) {
                EstablishmentPages.button("Annuler", action: "/console/annulation", csrf: context.csrf, style: "secondary",
                                          hidden: [("uai[]", run.uai)])
            }
        }.class("actions")
    }

    func calendarSection() -> Component {
        Div {
            H2("Calendrier").id("calendrier")
            if calendar.phases.isEmpty { Paragraph("Aucune période.") }
            List(calendar.phases) { phase in
                ListItem {
                    Text("\(AccessClosed.french(phase.startsAt)) → \(AccessClosed.french(phase.endsAt)) : \(phase.label) — \(phase.access.label)")
                    EstablishmentPages.button("Supprimer", action: "/console/calendrier/\(phase.id)/suppression", csrf: context.csrf,
                                              style: "secondary")
                }
            }
            H3("Ajouter une période")
            Node<HTML.BodyContext>.form(
                .action("/console/calendrier"), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("label"), "Libellé"), .input(.type(.text), .name("label"), .id("label"), .required(true)),
                .label(.for("startsAt"), "Début (AAAA-MM-JJTHH:MM)"),
                .input(.type(.text), .name("startsAt"), .id("startsAt"), .required(true), .placeholder("2027-07-10T18:00")),
                .label(.for("endsAt"), "Fin (AAAA-MM-JJTHH:MM)"),
                .input(.type(.text), .name("endsAt"), .id("endsAt"), .required(true), .placeholder("2027-07-17T08:00")),
                .label(.for("access"), "Accès"),
                .element(named: "select", nodes: [.attribute(named: "name", value: "access"), .attribute(named: "id", value: "access")]
                    + AccessCalendar.Access.allCases.map { access in
                        .element(named: "option", nodes: [.attribute(named: "value", value: access.rawValue), .text(access.label)])
                    }),
                .label(.for("liftFrom"), "Blocage : levée possible à partir de (facultatif)"),
                .input(.type(.text), .name("liftFrom"), .id("liftFrom")),
                .label(.for("extendUntil"), "Blocage : prolongation possible jusqu'au (facultatif)"),
                .input(.type(.text), .name("extendUntil"), .id("extendUntil")),
                .div(.class("actions"), .button(.type(.submit), .text("Ajouter la période")))
            )
        }
    }

    private func urlEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func plan(_ plans: [YearChangeEngine.EstablishmentPlan], context: PageContext) -> Page {
        Page(title: "Plan du changement", context: context) {
            Paragraph { Link("← Console", url: "/console") }
            for plan in plans {
                Div {
                    H2("\(plan.name) (\(plan.uai)) — \(YearChangeDashboardPage.stateLabel(plan.state))")
                    YearChangeDashboardPage.planTable(plan.steps)
                }.class("card")
            }
        }
    }

    static func confirmation(title: String, message: String, action: String, fields: [(String, String)], button: String,
                             context: PageContext) -> Page {
        Page(title: title, context: context) {
            Paragraph(message).class("alert")
            Div {
                EstablishmentPages.button(button, action: action, csrf: context.csrf, style: "danger",
                                          hidden: fields + [("confirme", "oui")])
                Link("Revenir sans rien faire", url: "/console")
            }.class("actions")
        }
    }
}
