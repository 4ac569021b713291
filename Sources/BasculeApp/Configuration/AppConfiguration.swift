import Foundation

/// Bascule's settings, read once at start-up from the environment.
///
/// | Variable | Meaning | Default |
/// |---|---|---|
/// | `DATABASE_URL` | `postgres://user:password@host:5432/name`: use PostgreSQL | unset: embedded SQLite |
/// | `BASCULE_DATA_DIR` | where the SQLite file and (later) documents live | `./data` |
public struct AppConfiguration: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var storage: Storage
    public var dataDirectory: String

    public init(storage: Storage, dataDirectory: String) {
        self.storage = storage
        self.dataDirectory = dataDirectory
    }

    public init(environment: [String: String]) throws(ConfigurationError) {
        let dataDirectory = environment["BASCULE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        self.dataDirectory = dataDirectory
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            // The URL holds a password: name the variable in errors, never print its value.
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil else {
                throw .invalid(variable: "DATABASE_URL",
                               reason: "attendu une URL postgres://utilisateur:motdepasse@hôte:port/base")
            }
            storage = .postgres(url: url)
        } else {
            storage = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("bascule.sqlite"))
        }
    }

    /// The demo keeps its own SQLite file, so that it never touches a real database.
    public var demo: AppConfiguration {
        guard case .sqlite = storage else { return self }
        return AppConfiguration(storage: .sqlite(path: (dataDirectory as NSString).appendingPathComponent("demo.sqlite")),
                                dataDirectory: dataDirectory)
    }
}

public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalid(variable: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let variable, let reason): "configuration : \(variable) invalide — \(reason)"
        }
    }
}
