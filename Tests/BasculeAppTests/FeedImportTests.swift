import BasculeDomain
import BasculeStorage
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("AAF import")
struct FeedImportTests {
    static let today = try! CalendarDate(iso: "2024-09-20")
    static let year = SchoolYearName(startYear: 2024)

    private func importExport(_ directory: String, _ app: Application, confirm: Bool = false,
                              dryRun: Bool = false, today: CalendarDate = today) async throws -> FeedImportReport {
        var options = FeedImporter.Options(year: Self.year, today: today)
        options.confirmDepartures = confirm
        options.dryRun = dryRun
        return try await FeedImporter(db: app.db, options: options).run(directory: directory, clock: { "2024-09-20T08:00:00Z" })
    }

    private func checksum(_ app: Application) async throws -> String {
        try await DatabaseChecksum.compute(on: app.sql).overall
    }

    private func account(_ jointure: String, _ app: Application) async throws -> Account? {
        try await Account.query(on: app.db).filter(\.$jointure == jointure).first()
    }

    private func profileKinds(_ jointure: String, _ app: Application) async throws -> Set<ProfileKind> {
        guard let id = try await account(jointure, app)?.id else { return [] }
        return Set(try await Profile.query(on: app.db).filter(\.$account.$id == id).all().map(\.kind))
    }

    @Test("The 2024 sample: its establishment, a head (direction) and a teacher, in a year in preparation")
    func sample2024() async throws {
        try await withTestApp { app in
            // act
            let report = try await importExport(aafFixture("sample-2024"), app)
            // check
            #expect(report.state == .applied)
            #expect(report.totals[.establishment]?.created == 1)
            #expect(report.totals[.teacher]?.created == 2, "ENTPersonCategorieEnseignant = O makes both teachers")
            #expect(report.totals[.direction]?.created == 1)
            let establishment = try await Establishment.query(on: app.db).first()
            #expect(establishment?.uai.code == "0123456A")
            #expect(establishment?.aafJointure == "43")
            #expect(try await profileKinds("314159", app) == [.teacher, .head])
            #expect(try await profileKinds("314160", app) == [.teacher])
            let year = try await SchoolYear.query(on: app.db).first()
            #expect(year?.name == Self.year)
            #expect(year?.state == .preparing)
            let history = try await app.sql.select().column("state").from("import_runs").all(decodingColumn: "state", as: String.self)
            #expect(history == ["applied"])
        }
    }

    @Test("Importing the same export twice changes nothing the second time")
    func idempotent() async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024"), app)
            let before = try await checksum(app)
            // act
            let again = try await importExport(aafFixture("sample-2024"), app)
            // check
            #expect(again.isUnchanged)
            #expect(again.totals[.teacher]?.unchanged == 2)
            #expect(again.totals[.direction]?.unchanged == 1)
            #expect(try await checksum(app) == before)
        }
    }

    @Test("A later export adds a person and updates a function; the person missing next time is held, then leaves, then comes back intact")
    func departureAndReturn() async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024"), app)
            let next = try await importExport(aafFixture("sample-2024-next"), app)
            let newcomer = try #require(try await account("314161", app))
            let withNewcomer = try await checksum(app)
            // act: the earlier export again, without 314161 (1 of 3 accounts: above 30 %)
            let held = try await importExport(aafFixture("sample-2024"), app)
            let afterHold = try await checksum(app)
            let confirmed = try await importExport(aafFixture("sample-2024"), app, confirm: true)
            let gone = try #require(try await account("314161", app))
            let back = try await importExport(aafFixture("sample-2024-next"), app)
            let returned = try #require(try await account("314161", app))
            // check
            #expect(next.totals[.staff]?.created == 1)
            #expect(held.state == .held)
            #expect(held.holds.map(\.uai) == ["0123456A"])
            #expect(held.holds.first?.leaving == 1)
            #expect(held.holds.first?.active == 3)
            #expect(afterHold == withNewcomer)
            #expect(confirmed.totals[.staff]?.left == 1)
            #expect(gone.state == .left)
            #expect(gone.leftOn == Self.today)
            #expect(try await profileKinds("314161", app) == [.staff, .head], "a departure keeps everything")
            #expect(back.totals[.staff]?.updated == 1)
            #expect(returned.state == .active)
            #expect(returned.leftOn == nil)
            #expect(returned.id == newcomer.id && returned.login == newcomer.login)
            #expect(try await checksum(app) == withNewcomer)
        }
    }

    @Test("Profiles follow the export: a teacher the académie no longer counts as one becomes staff, a head who leaves direction loses it")
    func profilesFollowTheExport() async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024"), app)
            let directory = try scratchCopy(of: "sample-2024")
            let path = (directory as NSString).appendingPathComponent("ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml")
            let text = try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "<value>43$DIR$DIRECTION$D0011$CHEF D&apos;ETABLISSEMENT ADJOINT</value>", with: "")
                .replacingOccurrences(of: "<value>43$ENS$ENSEIGNEMENT DEVANT ELEVES$G0170$ENSEIGNER EN SEGPA OU EREA</value>", with: "<value/>")
                .replacingOccurrences(of: "<attr name=\"ENTPersonCategorieEnseignant\"><value>O</value></attr>",
                                      with: "<attr name=\"ENTPersonCategorieEnseignant\"><value>N</value></attr>")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            // act
            _ = try await importExport(directory, app)
            // check
            #expect(try await profileKinds("314159", app) == [.staff])
            #expect(try await profileKinds("314160", app) == [.staff])
        }
    }

    @Test("One import at a time: a running import holds a lock in the database; a stale lock is taken over")
    func oneImportAtATime() async throws {
        try await withTestApp { app in
            // setup
            try await app.sql.raw("INSERT INTO locks (name, holder, acquired_at) VALUES ('import AAF', 'autre instance', \(bind: ISO8601DateFormatter().string(from: Date())))").run()
            // act
            var refusal: (any Error)?
            do { _ = try await importExport(aafFixture("sample-2024"), app) } catch { refusal = error }
            try await app.sql.raw("UPDATE locks SET acquired_at = '2000-01-01T00:00:00Z'").run()
            let afterStale = try await importExport(aafFixture("sample-2024"), app)
            let locks = try await app.sql.select().column("name").from("locks").all()
            // check
            #expect((refusal as? DatabaseLock.Failure)?.description.contains("autre instance") == true)
            #expect(afterStale.state == .applied)
            #expect(locks.isEmpty, "the lock is released after the import")
        }
    }

    @Test("A held or refused import into a new year does not create the year")
    func heldImportCreatesNoYear() async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024-next"), app)
            // act
            let options = FeedImporter.Options(year: Self.year.next, today: Self.today)
            let held = try await FeedImporter(db: app.db, options: options).run(directory: aafFixture("sample-2024"))
            // check
            #expect(held.state == .held)
            #expect(try await SchoolYear.query(on: app.db).count() == 1)
        }
    }

    @Test("An account that left is deleted once the grace period is over")
    func gracePeriod() async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024-next"), app)
            _ = try await importExport(aafFixture("sample-2024"), app, confirm: true)
            // act: 89 days later nothing happens, 90 days later the departure is final
            _ = try await importExport(aafFixture("sample-2024"), app, today: Self.today.adding(days: 89))
            let during = try await account("314161", app)?.state
            _ = try await importExport(aafFixture("sample-2024"), app, today: Self.today.adding(days: 90))
            let after = try await account("314161", app)?.state
            // check
            #expect(during == .left)
            #expect(after == .deleted)
        }
    }

    @Test("Records that refer to unknown establishments or adults are skipped and listed")
    func danglingReferences() async throws {
        try await withTestApp { app in
            // act
            let report = try await importExport(aafFixture("sample-2020"), app)
            // check
            #expect(report.state == .applied)
            let reasons = report.rejections.map(\.reason)
            #expect(reasons.contains("établissement inconnu « 3000 »"))
            #expect(reasons.contains("responsable inconnu « 3000000 »"))
            #expect(report.rejections.allSatisfy { $0.file == "ENT_Complet_20200101_Eleve_0000.xml" && $0.line == 4 })
            #expect(try await account("2000000", app) == nil)
            #expect(try await Establishment.query(on: app.db).count() == 1)
        }
    }

    @Test("A dry run reports the same counts and writes nothing")
    func dryRun() async throws {
        try await withTestApp { app in
            // setup
            let before = try await checksum(app)
            // act
            let simulated = try await importExport(aafFixture("sample-2024"), app, dryRun: true)
            let after = try await checksum(app)
            let real = try await importExport(aafFixture("sample-2024"), app)
            // check
            #expect(simulated.state == .dryRun)
            #expect(after == before)
            #expect(simulated.lines.map(\.counts) == real.lines.map(\.counts))
        }
    }

    @Test("A broken file anywhere in the export refuses it whole, naming file and line, and writes nothing",
          arguments: ["truncated", "not UTF-8", "entity", "empty", "declared Latin", "100 000 groups", "element in value"])
    func refusedExport(damage: String) async throws {
        try await withTestApp { app in
            // setup
            _ = try await importExport(aafFixture("sample-2024"), app)
            let before = try await checksum(app)
            let directory = try scratchCopy(of: "sample-2024-next")
            let path = (directory as NSString).appendingPathComponent("ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            switch damage {
            case "truncated": bytes = bytes.prefix(bytes.count * 2 / 3)
            case "not UTF-8": bytes.replaceSubrange(bytes.range(of: Data("Prénom CCCC".utf8))!, with: [0x50, 0x72, 0xE9, 0x6E])
            case "entity": bytes = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                of: "SYSTEM \"ficAlimMENESR.dtd\">", with: "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]>").utf8)
            case "declared Latin": bytes.replaceSubrange(bytes.range(of: Data("encoding=\"UTF-8\"".utf8))!,
                                                         with: Data("encoding=\"ISO-8859-1\"".utf8))
            case "100 000 groups": bytes.replaceSubrange(bytes.range(of: Data("<attr name=\"ENTAuxEnsGroupes\"><value/>".utf8))!,
                                                         with: Data(("<attr name=\"ENTAuxEnsGroupes\">" + String(repeating: "<value>43$G</value>", count: 100_000)).utf8))
            case "element in value": bytes.replaceSubrange(bytes.range(of: Data("Prénom CCCC".utf8))!, with: Data("Prénom <b/>CCCC".utf8))
            default: bytes = Data()
            }
            try bytes.write(to: URL(fileURLWithPath: path))
            // act
            var failure: (any Error)?
            do { _ = try await importExport(directory, app) } catch { failure = error }
            // check
            let refusal = try #require(failure as? FeedImporter.Failure)
            guard case .refused(let error) = refusal else { Issue.record("\(refusal)"); return }
            #expect(error.file == "ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml")
            #expect(error.line != nil || damage == "empty")
            #expect(try await checksum(app) == before)
            let staged = try await app.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("feed_staged_records").first(decodingColumn: "n", as: Int.self)
            #expect(staged == 0)
            let last = try await app.sql.raw("SELECT state FROM import_runs ORDER BY id DESC").first(decodingColumn: "state", as: String.self)
            #expect(last == "refused")
            #expect(try await app.sql.raw("SELECT name FROM locks").all().isEmpty)
        }
    }
}
