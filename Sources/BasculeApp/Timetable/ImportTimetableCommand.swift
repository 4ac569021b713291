import BasculeDomain
import BasculeStorage
import Foundation
import Vapor

/// `bascule import timetable FILE --establishment UAI --year 2025-2026 [--mode 1|2|3] [--dry-run] [--json]`
struct ImportTimetableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Export de l'emploi du temps : EDT/PRONOTE (chiffré ou non), ZIP UDT, ou emp_sts STS-Web.")
        var file: String
        @Option(name: "companion", help: "Pour STS-Web : le fichier sts_emp qui accompagne emp_sts.")
        var companion: String?
        @Option(name: "establishment", help: "UAI de l'établissement.")
        var establishment: String?
        @Option(name: "year", help: "Année scolaire, ex. 2025-2026.")
        var year: String?
        @Option(name: "mode", help: "Mode des groupes d'enseignement : 1 (annuaire), 2 (logiciel d'emploi du temps), 3 (ENT).")
        var mode: Int?
        @Flag(name: "dry-run", help: "Montre ce que l'import ferait, sans rien écrire.")
        var dryRun: Bool
        @Flag(name: "accept-other-uai", help: "Importe un fichier dont l'UAI est celle d'un autre établissement.")
        var acceptOtherUAI: Bool
        @Flag(name: "json", help: "Rapport en JSON.")
        var json: Bool
    }

    var help: String { "Importe l'emploi du temps d'un établissement pour une année scolaire." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let uai = signature.establishment else { throw Abort(.badRequest, reason: "--establishment UAI est obligatoire") }
        guard let yearText = signature.year else {
            throw Abort(.badRequest, reason: "--year est obligatoire (ex. --year 2025-2026)")
        }
        let mode = try signature.mode.map { number in
            guard let mode = TimetableMode(number: number) else { throw Abort(.badRequest, reason: "--mode : 1, 2 ou 3") }
            return mode
        }
        let app = context.application
        try await app.prepareDatabase()
        let file = URL(fileURLWithPath: signature.file)
        let request = TimetableImports.Request(
            file: file, displayName: file.lastPathComponent, companion: signature.companion.map { URL(fileURLWithPath: $0) },
            uai: uai.uppercased(), year: try SchoolYearName(yearText), mode: mode, isDryRun: signature.dryRun,
            acceptsOtherUAI: signature.acceptOtherUAI)
        let report = try await TimetableImports(app: app).run(request, by: try await ViewerStore(db: app.db).console())
        if signature.json { return try printJSON(report, on: context.console) }
        context.console.print(TimetableReportText.render(report))
    }
}

/// The report as a table for a terminal.
enum TimetableReportText {
    static func render(_ report: TimetableImportReport) -> String {
        var out = ["Emploi du temps « \(report.fileName) » (\(report.source.description)) → \(report.mode.label)"
            + (report.isDryRun ? " : simulation, rien n'a été écrit" : report.changesSomething ? " : appliqué" : " : appliqué, aucun changement"),
                   "Du \(report.startsOn.french) au \(report.endsOn.french)", ""]
        out.append(row("", "fichier", "reconnus", "créés", "modifiés", "inchangés", "retirés", "non reconnus"))
        for line in report.lines {
            out.append(row(line.kind.label, "\(line.inFile)", "\(line.matched)", "\(line.created)", "\(line.updated)",
                           "\(line.unchanged)", "\(line.removed)", "\(line.unmatched)"))
        }
        for note in report.notes { out.append("") ; out.append(note) }
        if !report.unmatched.isEmpty {
            out.append("")
            out.append("Non reconnus (\(report.unmatched.count)) :")
            for entry in report.unmatched.prefix(100) {
                out.append("  \(entry.kind.label) « \(entry.source) » : \(entry.compared)")
            }
            if report.unmatched.count > 100 { out.append("  … (--json pour la liste complète)") }
        }
        return out.joined(separator: "\n")
    }

    private static func row(_ columns: String...) -> String {
        let widths = [14, 8, 9, 7, 9, 10, 8, 12]
        return zip(columns, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
