import BasculeDomain
import Foundation
import Testing
@testable import BasculeApp

@Suite("Configuration read from the environment")
struct AppConfigurationTests {
    @Test("Without DATABASE_URL, Bascule uses an SQLite file in its data directory")
    func sqliteByDefault() throws {
        let configuration = try AppConfiguration(environment: [:])
        #expect(configuration.storage == .sqlite(path: "data/bascule.sqlite"))
        #expect(configuration.demo.storage == .sqlite(path: "data/demo.sqlite"))
        let custom = try AppConfiguration(environment: ["BASCULE_DATA_DIR": "/srv/bascule"])
        #expect(custom.storage == .sqlite(path: "/srv/bascule/bascule.sqlite"))
    }

    @Test("A postgres:// DATABASE_URL selects PostgreSQL, for the demo too")
    func postgres() throws {
        let url = "postgres://bascule:s3cret@db.example:5432/bascule"
        let configuration = try AppConfiguration(environment: ["DATABASE_URL": url])
        #expect(configuration.storage == .postgres(url: url))
        #expect(configuration.demo.storage == .postgres(url: url))
    }

    @Test("A bad DATABASE_URL is named in the error, and its secret never shown")
    func badURL() {
        let url = "mysql://root:s3cret@localhost/bascule"
        do {
            _ = try AppConfiguration(environment: ["DATABASE_URL": url])
            Issue.record("a mysql URL was accepted")
        } catch {
            #expect(error.description.contains("DATABASE_URL"))
            #expect(!error.description.contains("s3cret"))
        }
    }
}

@Suite("Configuration: the login, session and mail settings")
struct SecuritySettingsTests {
    @Test("Defaults: no public URL, no trusted proxy, sessions 120 min idle and 12 h at most, mail 30 and 100")
    func defaults() throws {
        let configuration = try AppConfiguration(environment: [:])
        #expect(configuration.publicOrigin == nil && !configuration.trustsProxy)
        #expect(configuration.sessions == .init(idleMinutes: 120, maxHours: 12))
        #expect(configuration.mailLimits == MailLimits(recipientsPerMessage: 30, recipientsPerHour: 100))
    }

    @Test("Each setting is read, and an invalid one is named")
    func read() throws {
        let configuration = try AppConfiguration(environment: [
            "BASCULE_PUBLIC_URL": "https://ENT.example.fr", "BASCULE_TRUSTED_PROXY": "true",
            "BASCULE_SESSION_IDLE_MINUTES": "30", "BASCULE_SESSION_MAX_HOURS": "8",
            "BASCULE_MAIL_MAX_RECIPIENTS": "10", "BASCULE_MAIL_MAX_PER_HOUR": "40",
        ])
        #expect(configuration.publicOrigin == PublicOrigin(scheme: "https", host: "ent.example.fr", port: 443))
        #expect(configuration.trustsProxy)
        #expect(configuration.sessions == .init(idleMinutes: 30, maxHours: 8))
        #expect(configuration.mailLimits == MailLimits(recipientsPerMessage: 10, recipientsPerHour: 40))
        for (name, value) in [("BASCULE_PUBLIC_URL", "ftp://x"), ("BASCULE_TRUSTED_PROXY", "peut-être"),
                              ("BASCULE_SESSION_IDLE_MINUTES", "0"), ("BASCULE_SESSION_MAX_HOURS", "douze"),
                              ("BASCULE_MAIL_MAX_RECIPIENTS", "-1"), ("BASCULE_MAIL_MAX_PER_HOUR", "x")] {
            #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: [name: value]) }
            do { _ = try AppConfiguration(environment: [name: value]) } catch { #expect(error.description.contains(name)) }
        }
    }
}

@Suite("Configuration: the drop folder")
struct InboxSettingsTests {
    @Test("BASCULE_AAF_INBOX names an existing folder, settled 300 s unless said; a missing folder or a bad time is named")
    func inbox() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.path
        // act
        let unset = try AppConfiguration(environment: [:])
        let set = try AppConfiguration(environment: ["BASCULE_AAF_INBOX": folder])
        let settled = try AppConfiguration(environment: ["BASCULE_AAF_INBOX": folder, "BASCULE_AAF_INBOX_SETTLE_SECONDS": "30"])
        // check
        #expect(unset.inbox == nil)
        #expect(set.inbox == .init(path: folder, settleSeconds: 300))
        #expect(settled.inbox?.settleSeconds == 30)
        for environment in [["BASCULE_AAF_INBOX": "/nulle/part"],
                            ["BASCULE_AAF_INBOX": folder, "BASCULE_AAF_INBOX_SETTLE_SECONDS": "bientôt"]] {
            do {
                _ = try AppConfiguration(environment: environment)
                Issue.record("\(environment) was accepted")
            } catch {
                #expect(error.description.contains(environment.count == 1 ? "BASCULE_AAF_INBOX" : "BASCULE_AAF_INBOX_SETTLE_SECONDS"))
            }
        }
    }
}

@Suite("Configuration: the EDT/PRONOTE partner key")
struct TimetablePartnerSettingsTests {
    @Test("The partner's name and key file are read together, once; one without the other, or a file that is no PKCS#8 key, is named; the key is never printed")
    func partner() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-edt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("ent.pem"), other = folder.appendingPathComponent("other.txt")
        let pem = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC\n-----END PRIVATE KEY-----\n"
        try pem.write(to: key, atomically: true, encoding: .utf8)
        try "pas une clé".write(to: other, atomically: true, encoding: .utf8)
        // act
        let configured = try AppConfiguration(environment: ["BASCULE_EDT_PARTNER": "Bascule", "BASCULE_EDT_PRIVATE_KEY": key.path])
        // check
        #expect(try AppConfiguration(environment: [:]).timetablePartner == nil)
        #expect(configured.timetablePartner == .init(name: "Bascule", privateKeyPEM: pem))
        #expect(!"\(configured)".contains("TUlJRXZR"))
        let refused: [([String: String], String)] = [
            (["BASCULE_EDT_PARTNER": "Bascule"], "BASCULE_EDT_PRIVATE_KEY"),
            (["BASCULE_EDT_PRIVATE_KEY": key.path], "BASCULE_EDT_PARTNER"),
            (["BASCULE_EDT_PARTNER": "Bascule", "BASCULE_EDT_PRIVATE_KEY": other.path], "BASCULE_EDT_PRIVATE_KEY"),
            (["BASCULE_EDT_PARTNER": "Bascule", "BASCULE_EDT_PRIVATE_KEY": folder.appendingPathComponent("absent").path],
             "BASCULE_EDT_PRIVATE_KEY"),
        ]
        for (environment, variable) in refused {
            do {
                _ = try AppConfiguration(environment: environment)
                Issue.record("accepted: \(environment.keys.sorted())")
            } catch {
                #expect(error.description.contains(variable))
            }
        }
    }
}
