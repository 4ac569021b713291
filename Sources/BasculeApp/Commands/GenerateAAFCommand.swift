import BasculeDomain
import BasculeGenerator
import Foundation
import Vapor

/// `bascule generate …`: the académie into the database, or (`generate aaf …`) as an AAF
/// export. Not a command group: a group takes `--preset` for the name of a subcommand.
struct GenerateCommands: AnyAsyncCommand {
    var help: String { "Génère une académie synthétique (dans la base, ou en export AAF avec « generate aaf »)." }

    private func subcommand(_ context: inout CommandContext) -> any AnyAsyncCommand {
        guard context.input.arguments.first == "aaf" else { return GenerateCommand() }
        context.input.arguments.removeFirst()
        context.input.executablePath.append("aaf")
        return GenerateAAFCommand()
    }

    func run(using context: inout CommandContext) async throws {
        try await subcommand(&context).run(using: &context)
    }

    func outputHelp(using context: inout CommandContext) throws {
        try subcommand(&context).outputHelp(using: &context)
        if context.input.executablePath.last != "aaf" {
            context.console.print("")
            context.console.print("Export AAF : \(context.input.executable) aaf --preset academie --out DOSSIER")
        }
    }

    func renderCompletionFunctions(using context: CommandContext, shell: Shell) -> String {
        GenerateCommand().renderCompletionFunctions(using: context, shell: shell)
    }
}

/// `bascule generate aaf --preset academie|region --out DIR [--seed N] [--year 2025-2026]`
struct GenerateAAFCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "preset", help: "Taille : small, academie, region.")
        var preset: String?

        @Option(name: "out", help: "Dossier où écrire l'export (créé s'il n'existe pas).")
        var out: String?

        @Option(name: "seed", help: "Graine du générateur. Défaut : 1.")
        var seed: UInt64?

        @Option(name: "year", help: "Année scolaire de l'export. Défaut : 2025-2026.")
        var year: String?
    }

    var help: String { "Écrit une académie synthétique sous forme d'export AAF complet (format réel)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let preset = try AcademyPreset.option(signature.preset, default: .small)
        guard let out = signature.out else { throw Abort(.badRequest, reason: "--out DOSSIER est obligatoire") }
        let year = try SchoolYearName(signature.year ?? "2025-2026")
        let started = ContinuousClock.now
        let records = try Self.write(preset: preset, seed: signature.seed ?? 1, year: year, to: out)
        let seconds = (ContinuousClock.now - started).seconds
        context.console.print(String(format: "%d enregistrements écrits dans %@ en %.1f s", records, out, seconds))
    }

    /// Writes the export; returns the number of records.
    static func write(preset: AcademyPreset, seed: UInt64, year: SchoolYearName, to directory: String,
                      omitting: Set<Int> = []) throws -> Int {
        var generator = AcademyGenerator(preset: preset, seed: seed, yearName: year)
        var writer = try AAFExportWriter(directory: directory, date: year.defaultStart)
        writer.omitting = omitting
        try writer.write(header: generator)
        while let batch = generator.nextEstablishment() {
            try writer.write(batch, subjects: generator.subjects, mefs: generator.mefs)
        }
        try writer.finish()
        return writer.recordCount
    }
}

extension AcademyPreset {
    /// The preset a `--preset` option names.
    static func option(_ name: String?, default: AcademyPreset) throws -> AcademyPreset {
        guard let name else { return `default` }
        guard let preset = named(name) else {
            throw Abort(.badRequest, reason: "--preset : valeurs possibles " + all.map(\.name).joined(separator: ", "))
        }
        return preset
    }
}
