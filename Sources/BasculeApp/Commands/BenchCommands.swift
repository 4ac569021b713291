import BasculeDomain
import BasculeFormats
import BasculeGenerator
import BasculeStorage
import Foundation
import Vapor

/// `bascule bench …`: measured runs on generated data, in the configured database.
struct BenchCommands: AsyncCommandGroup {
    var help: String { "Mesures de performance (à lancer en build release)." }
    var commands: [String: any AnyAsyncCommand] { ["import": BenchImportCommand(), "year-change": BenchYearChangeCommand(),
                                                     "login": BenchLoginCommand(), "timetable": BenchTimetableCommand()] }
}

/// `bascule bench import --preset academie|region [--work DIR]`: writes the preset as an AAF
/// export (once, reused), times reading it alone, then imports it into the configured database
/// (which must hold no directory yet), then once more as next year's, and prints records per
/// second and peak memory.
struct BenchImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "preset", help: "small, academie (défaut) ou region.")
        var preset: String?

        @Option(name: "work", help: "Dossier de travail pour l'export généré (défaut : data/bench-aaf-PRESET).")
        var work: String?
    }

    var help: String { "Mesure l'import AAF : débit (enregistrements/s) et mémoire maximale." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let preset = try AcademyPreset.option(signature.preset, default: .academie)
        let app = context.application
        let year = SchoolYearName(startYear: 2025)
        let directory = signature.work ?? (app.configuration.dataDirectory as NSString).appendingPathComponent("bench-aaf-\(preset.name)")
        if (try? AAFFile.export(in: directory)) == nil {
            context.console.print("Écriture de l'export \(preset.name) dans \(directory)…")
            _ = try GenerateAAFCommand.write(preset: preset, seed: 1, year: year, to: directory)
        }
        let files = try AAFFile.export(in: directory)
        let bytes = files.compactMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int }.reduce(0, +)

        var started = ContinuousClock.now
        var records = 0
        for file in files { try AAFReader.read(file) { _ in records += 1 } }
        let parse = (ContinuousClock.now - started).seconds
        context.console.print(String(format: "Lecture seule : %d enregistrements, %.0f Mo en %.2f s (%.0f enregistrements/s, %.0f Mo/s)",
                                     records, Double(bytes) / 1e6, parse, Double(records) / parse, Double(bytes) / 1e6 / parse))

        try await app.prepareDatabase()
        // First into an empty directory, then the same export as next year's: each summer's
        // case, where the people have their accounts already and the new year is empty.
        for (label, target) in [("Import", year), ("Import de l'année suivante (comptes existants)", year.next)] {
            started = ContinuousClock.now
            let report = try await FeedImporter(db: app.db, options: .init(year: target, today: app.clock.today)).run(directory: directory)
            let total = (ContinuousClock.now - started).seconds
            context.console.print(String(format: "%@ (%@) : %d enregistrements en %.2f s, %.0f enregistrements/s",
                                         label, app.db.dialectName, report.records, total, Double(report.records) / total))
            context.console.print("Étapes : " + report.steps.map { String(format: "%@ %.2f s", $0.name, $0.seconds) }.joined(separator: ", "))
        }
        context.console.print("Mémoire résidente maximale : \(Self.peakResidentMegabytes()) Mo")
    }

    /// VmHWM of /proc/self/status (Linux): the process's peak resident set.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return -1 }
        return kilobytes / 1024
    }
}
