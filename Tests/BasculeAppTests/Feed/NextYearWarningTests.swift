import BasculeDomain
import BasculeStorage
import Foundation
import Testing
import Vapor
@testable import BasculeApp

/// While next year's directory is not imported, the year change would hold the teachers'
/// Moodle categories: the console and the dashboards say so, the operator's with the link.
@Suite("Warning while next year's directory is missing")
struct NextYearWarningTests {
    static let warning = "L'annuaire de l'année 2026-2027 n'est pas encore importé"

    private func pages(_ app: Application, _ academy: TestAcademy) async throws -> (console: String, dashboard: String) {
        let operatorSession = try await app.logIn(academy.operatorAccount)
        let admin = try await app.logIn(academy.adminA)
        return (try await app.call(.GET, "console", as: operatorSession).body.string,
                try await app.call(.GET, "etablissements/\(academy.establishmentA.uai.code)/changement-d-annee", as: admin).body.string)
    }

    @Test("Warned with the link to the import page, until a full import of next year is applied")
    func warning() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            // act
            let before = try await pages(app, academy)
            var options = FeedImporter.Options(year: SchoolYearName(startYear: 2026), today: TestClock.today)
            options.dryRun = true
            _ = try await FeedImporter(db: app.db, options: options).run(directory: aafFixture("sample-2024"))
            let afterDryRun = try await pages(app, academy)
            options.dryRun = false
            _ = try await FeedImporter(db: app.db, options: options).run(directory: aafFixture("sample-2024"))
            let after = try await pages(app, academy)
            // check
            #expect(before.console.contains(Self.warning) && before.console.contains("href=\"/console/imports\">Importer l'annuaire"),
                    "\(before.console)")
            #expect(before.dashboard.contains(Self.warning))
            #expect(!before.dashboard.contains("Importer l'annuaire"), "an administrator cannot import")
            #expect(afterDryRun.console.contains(Self.warning), "a dry run imports nothing")
            #expect(!after.console.contains(Self.warning) && !after.dashboard.contains(Self.warning))
        }
    }
}
