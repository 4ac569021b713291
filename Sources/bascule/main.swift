import BasculeApp
import Foundation
import Vapor

var env = try Environment.detect()
// Logs go to stderr, so that a command's `--json` output is alone on stdout.
try LoggingSystem.bootstrap(from: &env) { level in
    { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
let app = try await Application.make(env)
do {
    let configuration = try AppConfiguration(environment: ProcessInfo.processInfo.environment)
    try await configure(app, configuration: configuration)
    try await app.execute()
    try await app.asyncShutdown()
} catch {
    // The error is already logged; a command that fails says why and exits, without a backtrace.
    try? await app.asyncShutdown()
    FileHandle.standardError.write(Data("bascule : \((error as? any AbortError)?.reason ?? "\(error)")\n".utf8))
    exit(1)
}
