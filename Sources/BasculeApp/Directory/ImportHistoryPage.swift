import BasculeDomain
import BasculeStorage
import Foundation
import Plot
import Vapor

/// « Imports de l'annuaire »: what each AAF import did to the establishment, newest first.
struct ImportHistoryPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("etablissements", ":uai", "imports", use: show)
    }

    func show(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let uai = establishment.uai.code
        let reports = try await ImportHistoryStore(db: req.db).reports(concerning: uai)
        return Page(title: "Imports de l'annuaire", context: req.pageContext(viewer)) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            EstablishmentPages.nav(uai)
            if reports.isEmpty { Paragraph("Aucun import de l'annuaire académique ne concerne encore l'établissement.") }
            for (run, report) in reports {
                Div {
                    H2("Import du \(AccessClosed.french(run.started_at)) — année \(report.year)")
                    Paragraph("\(stateLabel(report, uai: uai)) · export du \(report.exportDate) · \(report.records) enregistrements · \(String(format: "%.1f", report.seconds)) s").class("muted")
                    if let hold = report.holds.first(where: { $0.uai == uai }) {
                        Paragraph("Import retenu : \(hold.leaving) \(French.agreeing(hold.leaving, "compte", "comptes")) sur \(hold.active) \(French.agreeing(hold.leaving, "serait marqué parti", "seraient marqués partis")). L'opérateur doit confirmer les départs.").class("alert")
                    }
                    ImportCountsTable.render(report.lines.filter { $0.uai == uai })
                    let rejected = report.rejections.filter { $0.reason.contains(uai) }
                    if !rejected.isEmpty {
                        H3("Enregistrements rejetés")
                        List(rejected.prefix(100)) { ListItem("\($0.file), ligne \($0.line) (\($0.id)) : \($0.reason)") }
                    }
                }.class("card")
            }
        }.response()
    }

    private func stateLabel(_ report: FeedImportReport, uai: String) -> String {
        switch report.state {
        case .applied: report.holds.contains { $0.uai == uai } ? "retenu pour l'établissement" : "appliqué"
        case .held: "retenu"
        case .dryRun: "essai à blanc (rien écrit)"
        }
    }
}
