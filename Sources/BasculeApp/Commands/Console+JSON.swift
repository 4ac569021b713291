import Foundation
import Vapor

/// `--json` output of the commands: indented, keys sorted, so that two runs diff cleanly.
func printJSON(_ value: some Encodable, on console: any Console) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    console.print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
