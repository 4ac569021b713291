import BasculeDomain
import Foundation

/// The scheme, host and port of Bascule's public address: what a browser sends as `Origin`.
public struct PublicOrigin: Sendable, Equatable {
    public let scheme: String
    public let host: String
    public let port: Int

    public var isSecure: Bool { scheme == "https" }

    /// `nil` unless the text is an http or https URL with a host.
    public init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        self.init(scheme: scheme, host: host, port: url.port)
    }

    public init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port ?? (self.scheme == "https" ? 443 : 80)
    }
}

extension AppConfiguration {
    /// The settings beyond the storage, each checked on its own so that the error names it.
    mutating func readSettings(_ environment: [String: String]) throws(ConfigurationError) {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        func number(_ name: String, _ fallback: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                throw .invalid(variable: name, reason: "attendu un entier de \(range.lowerBound) à \(range.upperBound)")
            }
            return number
        }
        if let text = value("BASCULE_PUBLIC_URL") {
            guard let origin = PublicOrigin(text) else {
                throw .invalid(variable: "BASCULE_PUBLIC_URL", reason: "attendu une URL http:// ou https:// avec un hôte")
            }
            publicOrigin = origin
        }
        if let text = value("BASCULE_TRUSTED_PROXY") {
            switch text.lowercased() {
            case "1", "true", "yes", "oui": trustsProxy = true
            case "0", "false", "no", "non": trustsProxy = false
            default: throw .invalid(variable: "BASCULE_TRUSTED_PROXY", reason: "attendu true ou false")
            }
        }
        sessions.idleMinutes = try number("BASCULE_SESSION_IDLE_MINUTES", sessions.idleMinutes, in: 1...10_080)
        sessions.maxHours = try number("BASCULE_SESSION_MAX_HOURS", sessions.maxHours, in: 1...720)
        mailLimits = MailLimits(
            recipientsPerMessage: try number("BASCULE_MAIL_MAX_RECIPIENTS", mailLimits.recipientsPerMessage, in: 1...100_000),
            recipientsPerHour: try number("BASCULE_MAIL_MAX_PER_HOUR", mailLimits.recipientsPerHour, in: 1...1_000_000))
        hashing.threads = try number("BASCULE_BCRYPT_THREADS", hashing.threads, in: 1...64)
        hashing.queue = try number("BASCULE_BCRYPT_QUEUE", hashing.queue, in: 0...10_000)
        if let path = value("BASCULE_AAF_INBOX") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw .invalid(variable: "BASCULE_AAF_INBOX", reason: "attendu un dossier existant")
            }
            inbox = InboxSettings(path: path, settleSeconds: try number("BASCULE_AAF_INBOX_SETTLE_SECONDS", 300, in: 0...86_400))
        }
        switch (value("BASCULE_EDT_PARTNER"), value("BASCULE_EDT_PRIVATE_KEY")) {
        case (nil, nil):
            break
        case (nil, _):
            throw .invalid(variable: "BASCULE_EDT_PARTNER", reason: "manquant alors que BASCULE_EDT_PRIVATE_KEY est donné")
        case (_, nil):
            throw .invalid(variable: "BASCULE_EDT_PRIVATE_KEY", reason: "manquant alors que BASCULE_EDT_PARTNER est donné")
        case (let name?, let path?):
            guard let data = FileManager.default.contents(atPath: path), data.count < 64 * 1024,
                  let pem = String(data: data, encoding: .utf8), pem.contains("-----BEGIN PRIVATE KEY-----")
            else {
                throw .invalid(variable: "BASCULE_EDT_PRIVATE_KEY",
                               reason: "attendu le chemin d'un fichier lisible contenant une clé privée PKCS#8 (PEM « BEGIN PRIVATE KEY »)")
            }
            timetablePartner = TimetablePartner(name: name, privateKeyPEM: pem)
        }
    }
}
