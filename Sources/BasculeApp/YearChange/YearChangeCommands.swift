import BasculeDomain
import BasculeStorage
import Foundation
import Vapor

/// `bascule year-change plan|run|status|undo`.
struct YearChangeCommands: AsyncCommandGroup {
    var help: String { "Changement d'année : prévisualiser, exécuter (reprise après interruption), suivre, annuler." }
    var commands: [String: any AnyAsyncCommand] {
        ["plan": YearChangePlanCommand(), "run": YearChangeRunCommand(), "status": YearChangeStatusCommand(),
         "undo": YearChangeUndoCommand(), "purge": YearChangePurgeCommand()]
    }
}

extension Application {
    var yearChange: YearChangeEngine {
        YearChangeEngine(db: db, files: FileStore(dataDirectory: configuration.dataDirectory))
    }
}

/// `--establishment 0690001A,0690002B`: the UAIs a command is limited to (all when absent).
func establishmentList(_ option: String?) -> [String] {
    (option ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

struct YearChangePlanCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "L'année qui se termine, par ex. 2025-2026.")
        var from: String?
        @Option(name: "establishment", help: "UAI (séparés par des virgules) ; tous par défaut.")
        var establishment: String?
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Ce que le changement fera, par établissement et par règle, et ce qui reste à la charge de l'établissement. N'écrit rien." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let plans = try await app.yearChange.plan(from: try SchoolYearName(signature.from ?? ""),
                                                  uais: establishmentList(signature.establishment), asOf: app.clock.today)
        if signature.json { return try printJSON(plans, on: context.console) }
        for plan in plans {
            context.console.print("\(plan.uai) \(plan.name) — \(plan.state)")
            for step in plan.steps {
                context.console.print("  \(step.data.padding(toLength: 58, withPad: " ", startingAt: 0)) "
                    + "\(String(step.rows).padding(toLength: 9, withPad: " ", startingAt: 0)) \(step.action)")
            }
            context.console.print("  À faire par l'établissement avant le changement :")
            for item in plan.checklist {
                context.console.print("  - \(item.label) : \(item.count) (\(item.risk)) → \(item.action)")
                for entry in item.entries.prefix(5) {
                    context.console.print("      · \(entry.label)" + (entry.count.map { " : \($0)" } ?? ""))
                }
            }
        }
    }
}

struct YearChangeRunCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "L'année qui se termine, par ex. 2025-2026.")
        var from: String?
        @Option(name: "establishment", help: "UAI (séparés par des virgules) ; tous par défaut.")
        var establishment: String?
        @Flag(name: "confirm", help: "Passer outre les garde-fous (part inhabituelle de données retirées).")
        var confirm: Bool
        @Option(name: "hold-share", help: "Part au-delà de laquelle une étape attend --confirm (défaut 0.5).")
        var holdShare: Double?
        @Option(name: "aaf", help: "Export AAF complet de la nouvelle année, importé avant le changement.")
        var aaf: String?
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Exécute le changement d'année, établissement par établissement ; relancé, il reprend où il s'était arrêté." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let from = try SchoolYearName(signature.from ?? "")
        let uais = establishmentList(signature.establishment)
        let scope = uais.isEmpty ? "tous les établissements" : uais.joined(separator: ", ")
        guard try context.console.confirmed("Changer d'année \(from.description) → \(from.next.description) pour \(scope) ?",
                                            json: signature.json) else { return }
        var options = YearChangeEngine.Options(asOf: app.clock.today, confirm: signature.confirm)
        if let share = signature.holdShare { options.holdShare = share }
        let console = context.console
        let started = ContinuousClock.now
        if let directory = signature.aaf {
            // The new year's directory first: the Moodle rule reads who is still fed from it.
            let report = try await FeedImporter(db: app.db, options: .init(year: from.next, today: app.clock.today)).run(directory: directory)
            let line = "Import AAF \(from.next.description) : \(report.records) enregistrements, \(report.state.rawValue)"
                + (report.holds.isEmpty ? "" : ", \(French.count(report.holds.count, "établissement")) \(French.agreeing(report.holds.count, "retenu", "retenus")) (--confirm-departures via bascule import aaf)")
            if signature.json { app.logger.notice("\(line)") } else { console.print(line) }
        }
        let outcomes = try await app.yearChange.run(from: from, uais: uais, options: options) { progress in
            // The bar is for a person at a terminal; `--json` keeps stdout for the JSON.
            guard !signature.json else { return }
            let done = YearChangeRules.all.firstIndex { $0.id == progress.step }! + 1
            let width = 20, filled = width * done / YearChangeRules.all.count
            console.output(ConsoleText(stringLiteral: "\r\(progress.uai) \(progress.establishmentIndex + 1)/\(progress.establishmentCount) "
                + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                + " \(progress.step.rawValue) (\(progress.rows))\u{1B}[K"), newLine: progress.step == .newYear)
        }
        if signature.json { return try printJSON(outcomes, on: console) }
        for outcome in outcomes {
            switch outcome.state {
            case .held: console.warning("\(outcome.uai) : en attente — \(outcome.holdReason ?? "")")
            case .alreadyDone: console.print("\(outcome.uai) : déjà changé")
            case .done: console.print("\(outcome.uai) : changé (\(outcome.steps.values.reduce(0, +)) lignes)")
            }
        }
        console.print(String(format: "%.1f s", (ContinuousClock.now - started).seconds))
    }
}

struct YearChangeStatusCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Le journal des changements : étapes faites, restantes, durées." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let runs = try await app.yearChange.status()
        if signature.json { return try printJSON(runs, on: context.console) }
        for run in runs {
            context.console.print("\(run.uai) \(run.from) → \(run.to) : \(run.state) (depuis \(run.startedAt))"
                + (run.holdReason.map { " — \($0)" } ?? ""))
            for step in run.steps {
                context.console.print("  \(step.step.padding(toLength: 28, withPad: " ", startingAt: 0)) "
                    + "\(String(step.rows).padding(toLength: 9, withPad: " ", startingAt: 0)) \(step.milliseconds) ms")
            }
            if !run.remaining.isEmpty { context.console.print("  restent : \(run.remaining.joined(separator: ", "))") }
        }
    }
}

struct YearChangeUndoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "establishment", help: "UAI de l'établissement à remettre comme avant son changement.")
        var establishment: String?
    }

    var help: String { "Annule le dernier changement d'année d'un établissement." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard let uai = signature.establishment else { throw Abort(.badRequest, reason: "--establishment UAI est requis") }
        guard try context.console.confirmed("Annuler le changement d'année de \(uai) ?", json: false) else { return }
        let started = ContinuousClock.now
        let undone = try await app.yearChange.undo(uai: uai)
        context.console.print(String(format: "\(uai) : changement n° \(undone.runID) annulé, \(undone.rows) lignes rétablies, en %.1f s",
                                     (ContinuousClock.now - started).seconds))
    }
}

struct YearChangePurgeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Supprime définitivement ce que les changements terminés ont masqué, une fois leur délai passé (ils ne s'annulent plus ensuite)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard try context.console.confirmed("Supprimer définitivement ce que les changements d'année ont masqué ?",
                                            json: signature.json) else { return }
        let report = try await app.yearChange.purge(asOf: app.clock.today)
        if signature.json { return try printJSON(report, on: context.console) }
        context.console.print("rubriques \(report.sections), messages \(report.deliveries), groupes \(report.groups), "
            + "comptes \(report.accounts), fichiers \(report.files)")
    }
}
