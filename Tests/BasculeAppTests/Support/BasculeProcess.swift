import Foundation

/// The built `bascule` executable, run as an operator runs it, on a SQLite database of its
/// own: a trap there (a crash) is an exit status here, not the end of the test run.
struct BasculeProcess {
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    let dataDirectory: String
    /// `info` shows the migrations' log lines, which must not reach stdout.
    var logLevel = "error"

    init() throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    }

    /// `swift build --build-tests` builds it beside the test bundle.
    static var executable: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bascule").path
    }

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["BASCULE_DATA_DIR"] = dataDirectory
        environment["LOG_LEVEL"] = logLevel
        process.environment = environment
        // Standard error goes to a file: two pipes read one after the other could each wait
        // for the other to be drained.
        let errorsPath = (dataDirectory as NSString).appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: err)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}
