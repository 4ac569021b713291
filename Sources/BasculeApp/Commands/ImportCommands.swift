import BasculeDomain
import BasculeStorage
import Foundation
import Vapor

/// `bascule import …`: loading the directory from outside.
struct ImportCommands: AsyncCommandGroup {
    var help: String { "Imports : annuaire académique (AAF)." }
    var commands: [String: any AnyAsyncCommand] { ["aaf": ImportAAFCommand(), "timetable": ImportTimetableCommand()] }
}

/// `bascule import aaf DIR --year 2026-2027 [--dry-run] [--confirm-departures] [--json]`
struct ImportAAFCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "directory", help: "Dossier de l'export AAF (fichiers *_Complet_AAAAMMJJ_Type_NNNN.xml).")
        var directory: String

        @Option(name: "year", help: "Année scolaire à initialiser, ex. 2026-2027 (créée en préparation si besoin).")
        var year: String?

        @Flag(name: "dry-run", help: "Analyse et compte sans rien écrire.")
        var dryRun: Bool

        @Flag(name: "confirm-departures", help: "Confirme des départs massifs (sinon l'établissement est retenu).")
        var confirmDepartures: Bool

        @Option(name: "departure-threshold", help: "Part des comptes d'un établissement qui peuvent partir sans retenue (défaut 0.30).")
        var departureThreshold: Double?

        @Option(name: "grace-days", help: "Jours avant qu'un compte parti soit supprimé (défaut 90).")
        var graceDays: Int?

        @Flag(name: "json", help: "Rapport en JSON.")
        var json: Bool
    }

    var help: String { "Importe un export AAF complet dans une année scolaire." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let yearText = signature.year else {
            throw Abort(.badRequest, reason: "--year est obligatoire (ex. --year 2026-2027)")
        }
        let app = context.application
        try await app.prepareDatabase()
        var options = FeedImporter.Options(year: try SchoolYearName(yearText), today: app.clock.today)
        options.dryRun = signature.dryRun
        options.confirmDepartures = signature.confirmDepartures
        if let threshold = signature.departureThreshold { options.departureThreshold = threshold }
        if let days = signature.graceDays { options.graceDays = days }
        let report = try await FeedImporter(db: app.db, options: options).run(directory: signature.directory)
        if signature.json {
            try printJSON(report, on: context.console)
        } else {
            context.console.print(ImportReportText.render(report))
        }
    }
}

/// The report as a table for a terminal.
enum ImportReportText {
    static func render(_ report: FeedImportReport) -> String {
        var out: [String] = []
        let state = switch report.state {
        case .applied: report.isUnchanged ? "appliqué — aucun changement" : "appliqué"
        case .held: "retenu — rien n'a été écrit"
        case .dryRun: "simulation — rien n'a été écrit"
        }
        out.append("Import AAF n° \(report.runID) « \(report.source) » (export du \(report.exportDate)) → \(report.year) : \(state)")
        out.append(String(format: "%d enregistrements en %.1f s (%.0f/s)", report.records, report.seconds,
                          Double(report.records) / max(report.seconds, 0.001)))
        out.append("Étapes : " + report.steps.map { String(format: "%@ %.2f s", $0.name, $0.seconds) }.joined(separator: ", "))
        out.append("")
        out.append(row("UAI", "type", "créés", "modifiés", "inchangés", "partis ou retirés", "rejetés"))
        for line in report.lines.filter({ $0.uai != nil }) + report.total {
            let c = line.counts
            out.append(row(line.uai ?? "(total)", line.kind.label, "\(c.created)", "\(c.updated)",
                           "\(c.unchanged)", "\(c.left)", "\(c.rejected)"))
        }
        if !report.unknownAttributes.isEmpty {
            out.append("")
            out.append("Attributs inconnus, ignorés :")
            for unknown in report.unknownAttributes {
                out.append("  \(unknown.kind) : « \(unknown.name) » dans \(French.count(unknown.records, "enregistrement"))")
            }
        }
        for hold in report.holds {
            out.append("")
            out.append("RETENU \(hold.uai) \(hold.name) : \(hold.leaving) comptes sur \(hold.active) partiraient ; "
                + "relancez avec --confirm-departures si ces départs sont réels.")
        }
        if !report.rejections.isEmpty {
            out.append("")
            out.append("Enregistrements non utilisés (\(report.rejections.count)) :")
            for rejection in report.rejections.prefix(50) {
                out.append("  \(rejection.file), ligne \(rejection.line), id \(rejection.id) : \(rejection.reason)")
            }
            if report.rejections.count > 50 { out.append("  … (--json pour la liste complète)") }
        }
        return out.joined(separator: "\n")
    }

    private static func row(_ columns: String...) -> String {
        let widths = [10, 28, 8, 9, 10, 17, 8]
        return zip(columns, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
