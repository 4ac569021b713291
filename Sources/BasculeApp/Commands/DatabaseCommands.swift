import BasculeStorage
import Vapor

/// `bascule db …`: commands on the database itself.
struct DatabaseCommands: AsyncCommandGroup {
    var help: String { "Commandes sur la base de données (checksum)." }
    var commands: [String: any AnyAsyncCommand] { ["checksum": ChecksumCommand()] }
}

/// `bascule db checksum [--json]`: a digest of the logical content, per table and overall,
/// independent of row order and of SQLite vs PostgreSQL.
struct ChecksumCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Empreinte du contenu logique de la base, par table et globale." }

    struct Output: Codable {
        struct Table: Codable {
            let name: String
            let rows: Int
            let digest: String
        }
        let overall: String
        let tables: [Table]
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let checksum = try await DatabaseChecksum.compute(on: app.db)
        let output = Output(overall: checksum.overall, tables: checksum.tables.map {
            .init(name: $0.table, rows: $0.digest.rowCount, digest: $0.digest.hex)
        })
        if signature.json {
            try printJSON(output, on: context.console)
        } else {
            for table in output.tables {
                context.console.print("\(table.name.padding(toLength: 22, withPad: " ", startingAt: 0)) "
                    + "\(String(table.rows).padding(toLength: 9, withPad: " ", startingAt: 0)) \(table.digest)")
            }
            context.console.print("total  \(output.overall)")
        }
    }
}
