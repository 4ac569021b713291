import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// The operator's import pages: the platform's history, the upload form, the drop folder's
/// held exports; then an upload's dry run, its hold, or its refusal.
struct ImportConsolePage {
    let runs: [ImportHistoryStore.PlatformRun]
    /// The drop folder's held deliveries and their reports; `nil` without a drop folder.
    let held: [(name: String, report: FeedImportReport?)]?
    let nextYearMissing: SchoolYearName?
    let context: PageContext

    func page() -> Page {
        Page(title: "Imports de l'annuaire académique", context: context) {
            Paragraph { Link("← Console", url: "/console") }
            if let year = nextYearMissing { ImportConsolePage.missingYearWarning(year, withLink: false) }
            H2("Envoyer un export")
            Paragraph("Une archive ZIP des fichiers d'un export AAF (Complet ou Delta, d'une seule date)\u{A0}; l'import est d'abord "
                      + "simulé, rien n'est écrit avant que vous ne l'appliquiez. Les fichiers qui ne sont pas des fichiers d'export "
                      + "(DTD, notice) sont ignorés. Au-delà de \(AAFZipUpload.maxBytes >> 20)\u{A0}Mio, passez par la boîte de dépôt.").class("muted")
            Node<HTML.BodyContext>.form(
                .action("\(ImportConsole.path)/envoi"), .method(.post), .attribute(named: "enctype", value: "multipart/form-data"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("export"), "Archive ZIP de l'export"),
                .input(.type(.file), .name("export"), .id("export"), .attribute(named: "accept", value: ".zip,application/zip"), .required(true)),
                .div(.class("actions"), .button(.type(.submit), .text("Envoyer et simuler l'import")))
            )
            if let held { inboxSection(held) }
            H2("Historique")
            if runs.isEmpty { Paragraph("Aucun import pour l'instant.") }
            for run in runs { ImportConsolePage.runCard(run) }
        }
    }

    func inboxSection(_ held: [(name: String, report: FeedImportReport?)]) -> Component {
        Div {
            H2("Boîte de dépôt")
            if held.isEmpty {
                Paragraph("Aucun export retenu\u{A0}: les exports déposés s'importent d'eux-mêmes, dans l'ordre de leur date.")
            } else {
                Paragraph("Tant qu'un export est retenu, les exports déposés après lui attendent.").class("todo")
            }
            for (name, report) in held {
                Div {
                    H3("Export retenu «\u{A0}\(name)\u{A0}»")
                    if let report { ImportConsolePage.reportDetails(report) }
                    EstablishmentPages.button("Confirmer les départs et importer", action: "\(ImportConsole.path)/depot/\(name)/confirmation",
                                              csrf: context.csrf, style: "danger")
                }.class("card")
            }
        }
    }

    /// The year change will find next year empty: say so, and where to import it.
    static func missingYearWarning(_ year: SchoolYearName, withLink: Bool) -> Component {
        Div {
            Paragraph("L'annuaire de l'année \(year) n'est pas encore importé\u{A0}: le changement d'année retiendra les "
                      + "catégories Moodle des enseignants, faute de savoir qui reste.")
            if withLink { Paragraph { Link("Importer l'annuaire de \(year)", url: ImportConsole.path) } }
        }.class("alert")
    }

    static func stateLabel(_ state: ImportRunState, report: FeedImportReport?) -> String {
        switch state {
        case .staging: "en cours"
        case .applied: report.map { $0.holds.isEmpty ? ($0.isUnchanged ? "appliqué, sans changement" : "appliqué") : "appliqué en partie, des établissements retenus" } ?? "appliqué"
        case .held: "retenu, rien n'a été écrit"
        case .dryRun: "simulation, rien n'a été écrit"
        case .refused: "refusé, rien n'a été écrit"
        case .failed: "échoué, rien n'a été écrit"
        }
    }

    static func runCard(_ run: ImportHistoryStore.PlatformRun) -> Component {
        Div {
            H3("Import n°\u{A0}\(run.id) du \(AccessClosed.french(run.startedAt)) — \(run.isFull ? "Complet" : "Delta")")
            Paragraph("«\u{A0}\(run.source)\u{A0}» · export du \(run.exportDate.flatMap { try? CalendarDate(iso: $0) }?.french ?? "?")"
                      + (run.year.map { " · année \($0)" } ?? "") + " · \(stateLabel(run.state, report: run.report))").class("muted")
            if let reason = run.reason { Paragraph(French.typeset(reason)).class("alert") }
            if let report = run.report { reportDetails(report) }
        }.class("card")
    }
}
