import BasculeApp
import Foundation
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
do {
    let configuration = try AppConfiguration(environment: ProcessInfo.processInfo.environment)
    try await configure(app, configuration: configuration)
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
