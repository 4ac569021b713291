import BasculeDomain
import Foundation

/// Bascule's settings, read once at start-up from the environment (the table is the README's
/// "Configuration"). An invalid one stops start-up with its variable's name, never its value.
public struct AppConfiguration: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var storage: Storage
    public var dataDirectory: String
    /// `BASCULE_PUBLIC_URL`: the address people type, behind whatever proxy. Its scheme decides
    /// the cookie's `Secure` flag, and its origin is the only one allowed to post.
    public var publicOrigin: PublicOrigin?
    /// `BASCULE_TRUSTED_PROXY`: the socket peer is a proxy of ours, so the client is the last
    /// `X-Forwarded-For` hop (the one our proxy appended); otherwise that header is anyone's.
    public var trustsProxy = false
    public var sessions = SessionSettings()
    public var mailLimits = MailLimits.standard
    public var hashing = HashingSettings()
    /// `BASCULE_AAF_INBOX`: the folder the académie drops its exports into, if any.
    public var inbox: InboxSettings?
    /// `BASCULE_EDT_PARTNER` and `BASCULE_EDT_PRIVATE_KEY` (the path of a PKCS#8 PEM key): what
    /// opens the encrypted EDT/PRONOTE exports made for this ENT. The key is read once, here.
    public var timetablePartner: TimetablePartner?

    public struct SessionSettings: Sendable, Equatable {
        /// `BASCULE_SESSION_IDLE_MINUTES`
        public var idleMinutes = 120
        /// `BASCULE_SESSION_MAX_HOURS`
        public var maxHours = 12
    }

    /// Bcrypt's own threads and how many logins may wait for them before the next is told to
    /// come back later (`BASCULE_BCRYPT_THREADS`, `BASCULE_BCRYPT_QUEUE`).
    public struct HashingSettings: Sendable, Equatable {
        public var threads = 1
        public var queue = 8
    }

    /// The drop folder and how long a delivery without a marker must stay unchanged to be
    /// complete (`BASCULE_AAF_INBOX_SETTLE_SECONDS`).
    public struct InboxSettings: Sendable, Equatable {
        public var path: String
        public var settleSeconds = 300
    }

    /// The ENT's name as partner of Index Education and its RSA private key; never printed.
    public struct TimetablePartner: Sendable, Equatable, CustomStringConvertible {
        public var name: String
        public var privateKeyPEM: String

        public init(name: String, privateKeyPEM: String) {
            self.name = name
            self.privateKeyPEM = privateKeyPEM
        }

        public var description: String { "TimetablePartner(\(name), clé privée masquée)" }
    }

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
        try readSettings(environment)
    }

    /// The demo keeps its own SQLite file, so that it never touches a real database.
    public var demo: AppConfiguration {
        guard case .sqlite = storage else { return self }
        var demo = self
        demo.storage = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("demo.sqlite"))
        return demo
    }
}

public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalid(variable: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let variable, let reason): "configuration : \(variable) invalide — \(reason)"
        }
    }
}
