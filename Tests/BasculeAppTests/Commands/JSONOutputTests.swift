import Foundation
import Testing

/// Every command that takes `--json` prints the JSON alone on stdout, on a database it has just
/// created too (the migrations' log lines go to stderr): run as a program would run it, the
/// built `bascule` executable on an empty data folder.
@Suite("Commands: --json output is JSON alone on stdout")
struct JSONOutputTests {
    /// Each command, and whether it succeeds on an empty database: a command that fails there
    /// (no year to change) must still keep stdout empty.
    static let commands: [(arguments: [String], succeeds: Bool)] = [
        (["db", "checksum", "--json"], true),
        (["files", "sweep", "--json"], true),
        (["calendar", "list", "--json"], true),
        (["year-change", "status", "--json"], true),
        (["year-change", "plan", "--from", "2025-2026", "--json"], false),
        (["year-change", "purge", "--yes", "--json"], true),
        (["year-change", "purge", "--json"], false),
        (["year-change", "run", "--from", "2025-2026", "--yes", "--json"], false),
        (["import", "aaf", aafFixture("sample-2024"), "--year", "2024-2025", "--dry-run", "--json"], true),
        (["timetable", "show", "--establishment", "0750001A", "--class", "3A", "--json"], false),
    ]

    @Test("Each --json command, on a new database, prints parseable JSON and nothing else", arguments: commands)
    func jsonAlone(_ command: (arguments: [String], succeeds: Bool)) throws {
        // setup
        var bascule = try BasculeProcess()
        bascule.logLevel = "info"
        defer { bascule.remove() }
        // act
        let outcome = try bascule.run(command.arguments)
        // check
        #expect((outcome.status == 0) == command.succeeds, "\(outcome.errors.suffix(300))")
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
