import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Foundation
import Vapor

/// `bascule bench year-change --preset academie|region`: generates the preset in the configured
/// database if it is empty (reused otherwise), then times the plan, the run of every
/// establishment and the undo of every establishment, and compares the rows the run touches
/// per second with the engine's raw rate for a set-based update and delete on this machine.
struct BenchYearChangeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "preset", help: "small, academie (défaut) ou region.")
        var preset: String?
        @Flag(name: "keep", help: "Ne pas annuler le changement à la fin.")
        var keep: Bool
    }

    var help: String { "Mesure le changement d'année : plan, exécution, annulation." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let preset = try AcademyPreset.option(signature.preset, default: .academie)
        let app = context.application
        let console = context.console
        let from = SchoolYearName(startYear: 2025)
        try await app.prepareDatabase()
        let rates = EngineRates(db: app.db)
        if try await rates.rows(of: "establishments") == 0 {
            try await GenerateCommand.generate(preset: preset, seed: 1, year: from, app: app, console: console)
        }
        let engine = app.yearChange
        let uais = try await engine.establishments([]).map(\.uai)

        var started = ContinuousClock.now
        let plans = try await engine.plan(from: from, asOf: app.clock.today)
        let planSeconds = (ContinuousClock.now - started).seconds
        let planned = plans.flatMap(\.steps).map(\.rows).reduce(0, +)
        console.print(String(format: "Plan : %d établissements, %d lignes annoncées, %.2f s", plans.count, planned, planSeconds))

        started = ContinuousClock.now
        let outcomes = try await engine.run(from: from, options: .init(asOf: app.clock.today, confirm: true))
        let runSeconds = (ContinuousClock.now - started).seconds
        let written = try await rates.rows(of: "year_change_undo")
        let reported = outcomes.flatMap(\.steps.values).reduce(0, +)
        console.print(String(format: "Exécution : %d établissements en %.2f s ; %d lignes couvertes par les règles (%.0f lignes/s), dont %d écrites",
                             outcomes.count, runSeconds, reported, Double(reported) / runSeconds, written))
        let slowest = try await engine.status().filter { $0.state == .done }.flatMap { run in run.steps.map { ($0.step, $0.milliseconds) } }
        let byStep = Dictionary(grouping: slowest, by: \.0).mapValues { $0.map(\.1).reduce(0, +) }
        console.print("Temps par règle (ms, tous établissements) : "
            + byStep.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        if !signature.keep {
            started = ContinuousClock.now
            for uai in uais.reversed() { _ = try await engine.undo(uai: uai) }
            console.print(String(format: "Annulation : %d établissements en %.2f s", uais.count, (ContinuousClock.now - started).seconds))
        }
        let (update, delete) = try await rates.raw()
        console.print(String(format: "Débit brut du moteur (%@) : UPDATE %.0f lignes/s, DELETE %.0f lignes/s",
                             app.db.dialectName, update, delete))
        console.print("Mémoire résidente maximale : \(BenchImportCommand.peakResidentMegabytes()) Mo")
    }
}
