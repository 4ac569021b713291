import Foundation
import Testing

/// Every command that takes `--json` prints the JSON alone on stdout, on a database it has just
/// created too (the migrations' log lines go to stderr): run as a program would run it, the
/// built `bascule` executable on an empty data folder.
@Suite("Commands: --json output is JSON alone on stdout")
struct JSONOutputTests {
    static let commands: [[String]] = [
        ["db", "checksum", "--json"],
        ["files", "sweep", "--json"],
        ["calendar", "list", "--json"],
        ["year-change", "status", "--json"],
        ["year-change", "plan", "--from", "2025-2026", "--json"],
        ["year-change", "purge", "--yes", "--json"],
        ["year-change", "purge", "--json"],
        ["year-change", "run", "--from", "2025-2026", "--yes", "--json"],
        ["import", "aaf", aafFixture("sample-2024"), "--year", "2024-2025", "--dry-run", "--json"],
    ]

    @Test("Each --json command, on a new database, prints parseable JSON and nothing else", arguments: commands)
    func jsonAlone(_ arguments: [String]) throws {
        // setup
        var bascule = try BasculeProcess()
        bascule.logLevel = "info"
        defer { bascule.remove() }
        // act
        let outcome = try bascule.run(arguments)
        // check
        if outcome.status == 0 {
            #expect(throws: Never.self, "stdout : \(outcome.output.prefix(300))") {
                _ = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8))
            }
        } else {
            #expect(outcome.output.isEmpty, "a failed command prints its reason on stderr only")
            #expect(outcome.errors.contains("bascule : "))
        }
    }
}
