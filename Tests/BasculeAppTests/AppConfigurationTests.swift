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
