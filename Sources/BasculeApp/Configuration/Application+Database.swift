import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

extension DatabaseID {
    public static let main = DatabaseID(string: "main")
    static let demo = DatabaseID(string: "demo")
}

extension SQLPostgresConfiguration {
    /// Bascule's connections to PostgreSQL. JIT compilation is off from the start: the
    /// set-based statements of an import or a year change have high estimated costs but run in
    /// milliseconds, and PostgreSQL spent 250 ms compiling each of them.
    public static func bascule(url: String) throws -> SQLPostgresConfiguration {
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.coreConfiguration.options.additionalStartupParameters.append(("jit", "off"))
        return configuration
    }
}

extension Application {
    /// Registers the database the configuration names, as the default one.
    func useDatabase(_ storage: AppConfiguration.Storage, as id: DatabaseID = .main) throws {
        switch storage {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: id, isDefault: true)
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration.bascule(url: url)
            // A few connections per event loop: a year change launched from the console holds one
            // for each of its steps while the pages go on being served.
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                                    connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: id, isDefault: true)
        }
    }

    /// Brings the schema up to date and tunes SQLite for a server's workload.
    public func prepareDatabase() async throws {
        try await db.tuneForServer()
        try await autoMigrate()
    }
}

extension Application {
    /// Starts Vapor's server the way `serve` does (signals, graceful stop), on this address.
    func serve(using context: CommandContext, hostname: String?, port: Int?) async throws {
        var arguments = ["serve"]
        if let hostname { arguments += ["--hostname", hostname] }
        if let port { arguments += ["--port", String(port)] }
        var input = CommandInput(arguments: arguments)
        try await servers.asyncCommand.run(using: context, signature: ServeCommand.Signature(from: &input))
    }
}
