import Foundation
import Vapor

/// `--json` output of the commands: indented, keys sorted, so that two runs diff cleanly.
func printJSON(_ value: some Encodable, on console: any Console) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    console.print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

extension Console {
    /// Asks before a command does what cannot be taken back. ConsoleKit answers yes for whoever
    /// passed its global `--yes` (`confirmOverride`); with `--json` the question would land in
    /// the JSON, so `--yes` is required instead.
    func confirmed(_ question: String, json: Bool) throws -> Bool {
        if let answer = confirmOverride { return answer }
        if json { throw Abort(.badRequest, reason: "avec --json, ajoutez --yes : aucune question n'est posée") }
        return confirm(ConsoleText(stringLiteral: question))
    }
}
