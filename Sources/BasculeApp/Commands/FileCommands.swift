import BasculeStorage
import Vapor

/// `bascule files …`: the content store of documents, attachments and photos.
struct FileCommands: AsyncCommandGroup {
    var help: String { "Commandes sur le stockage des fichiers (nettoyage)." }
    var commands: [String: any AnyAsyncCommand] { ["sweep": SweepFilesCommand()] }
}

/// `bascule files sweep [--json]`: removes the contents no row refers to and the uploads that
/// never finished (older than an hour). Safe while the ENT runs.
struct SweepFilesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Supprime du disque les fichiers qu'aucune ligne ne référence et les envois inachevés." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let report = try await FileStore(dataDirectory: app.configuration.dataDirectory).sweep(on: app.db, now: app.clock.moment())
        if signature.json {
            try printJSON(report, on: context.console)
        } else {
            context.console.print("\(French.count(report.orphans, "fichier orphelin", "fichiers orphelins")) et "
                + "\(French.count(report.unfinished, "envoi inachevé", "envois inachevés")) supprimés du disque.")
        }
    }
}
