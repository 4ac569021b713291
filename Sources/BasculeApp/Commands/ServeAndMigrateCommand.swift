import Vapor

/// `bascule serve`: brings the schema up to date, then serves, and watches the drop folder.
struct ServeAndMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Adresse d'écoute (défaut 127.0.0.1).")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port d'écoute (défaut 8080).")
        var port: Int?
    }

    var help: String { "Sert l'ENT sur HTTP (met le schéma de la base à jour au démarrage)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        try await app.serve(using: context, hostname: signature.hostname, port: signature.port)
        app.watchFeedInbox()
    }
}
