import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Foundation
import Vapor

/// `bascule generate --preset small|academie|region [--seed N] [--year 2025-2026]`
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "preset", help: "Taille : small (3 établissements), academie (60), region (600).")
        var preset: String?

        @Option(name: "seed", help: "Graine du générateur (même graine, même académie). Défaut : 1.")
        var seed: UInt64?

        @Option(name: "year", help: "Année scolaire générée, en cours. Défaut : 2025-2026.")
        var year: String?

        @Flag(name: "directory-only", help: "L'annuaire seul, sans l'activité de l'année dans les services.")
        var directoryOnly: Bool
    }

    var help: String { "Génère une académie synthétique déterministe dans une base vide." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let preset = try AcademyPreset.option(signature.preset, default: .small)
        let year = try SchoolYearName(signature.year ?? "2025-2026")
        let app = context.application
        try await app.prepareDatabase()
        try await Self.generate(preset: preset, seed: signature.seed ?? 1, year: year, withActivity: !signature.directoryOnly,
                                app: app, console: context.console)
    }

    static func generate(preset: AcademyPreset, seed: UInt64, year: SchoolYearName, withActivity: Bool = true,
                         app: Application, console: any Console) async throws {
        let started = ContinuousClock.now
        let generator = AcademyGenerator(preset: preset, seed: seed, yearName: year)
        let activity = withActivity ? ActivityGenerator(seed: seed, year: generator.year, subjects: generator.subjects) : nil
        console.print("Génération « \(preset.name) » (graine \(seed), \(year)) : \(generator.establishmentCount) établissements"
            + (withActivity ? ", avec une année d'activité dans les services" : ""))
        let counts = try await AcademyWriter.write(generator, activity: activity,
                                                   files: FileStore(dataDirectory: app.configuration.dataDirectory),
                                                   to: app.db) { progress in
            let width = 30
            let filled = width * progress.establishmentsDone / max(1, progress.establishmentsTotal)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            console.output(ConsoleText(stringLiteral: "\r\(bar) \(progress.establishmentsDone)/\(progress.establishmentsTotal) établissements, "
                + "\(progress.rowsWritten) lignes"), newLine: progress.establishmentsDone == progress.establishmentsTotal)
        }
        let seconds = (ContinuousClock.now - started).seconds
        let total = counts.values.reduce(0, +)
        for (table, n) in counts.sorted(by: { $0.key < $1.key }) {
            console.print("  \(table.padding(toLength: 28, withPad: " ", startingAt: 0)) \(n)")
        }
        console.print(String(format: "%d lignes en %.1f s (%.0f lignes/s)", total, seconds, Double(total) / seconds))
    }
}
