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
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        // act
        let (status, stdout, stderr) = try Self.run(arguments, dataDirectory: dataDirectory.path)
        // check
        if status == 0 {
            #expect(throws: Never.self, "stdout : \(String(decoding: stdout.prefix(300), as: UTF8.self))") {
                _ = try JSONSerialization.jsonObject(with: stdout)
            }
        } else {
            #expect(stdout.isEmpty, "a failed command prints its reason on stderr only")
            #expect(String(decoding: stderr, as: UTF8.self).contains("bascule : "))
        }
    }

    /// Runs the executable built beside the tests, on SQLite in `dataDirectory`.
    static func run(_ arguments: [String], dataDirectory: String) throws -> (Int32, Data, Data) {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("bascule")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["BASCULE_DATA_DIR"] = dataDirectory
        process.environment = environment
        // stderr to a file, so that a full pipe of logs cannot block the program while stdout is read
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let errPath = dataDirectory + "/stderr.log"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, FileManager.default.contents(atPath: errPath) ?? Data())
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) manque : lancez `swift build --build-tests` avant les tests" }
    }
}
