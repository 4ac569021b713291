import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The drop folder: deliveries imported whole, oldest first, and put away with their report.
/// The clock is moved by hand and `scan()` called directly: nothing sleeps.
@Suite("AAF drop folder")
struct FeedInboxTests {
    static let settle = 60.0

    private func withInbox(_ body: (Application, FeedInbox, MovableClock, String) async throws -> Void) async throws {
        let folder = try Delivered.newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let time = MovableClock()
        try await withTestApp(clock: time.clock, settings: ["BASCULE_AAF_INBOX": folder,
                                                            "BASCULE_AAF_INBOX_SETTLE_SECONDS": "\(Int(Self.settle))"]) { app in
            try await body(app, try #require(app.feedInbox), time, folder)
        }
    }

    private func exportDates(_ app: Application) async throws -> [String] {
        try await app.sql.raw("SELECT export_date FROM import_runs ORDER BY id").all(decodingColumn: "export_date", as: String.self)
    }

    private func files(_ folder: String, _ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (folder as NSString).appendingPathComponent(sub))) ?? []).sorted()
    }

    @Test("An export dropped in pieces is imported once, complete; two deliveries dropped out of order, oldest first")
    func piecesAndOrder() async throws {
        try await withInbox { app, inbox, time, folder in
            // setup: the later export's first file, then (30 s on) its second and the earlier export
            try Delivered.drop("sample-2024-next", as: "20240917", into: folder, kinds: ["EtabEducNat"])
            let first = try await inbox.scan()
            time.advance(seconds: 30)
            try Delivered.drop("sample-2024-next", as: "20240917", into: folder, kinds: ["PersEducNat"])
            try Delivered.drop("sample-2024", as: "20240916", into: folder)
            // act
            let arriving = try await inbox.scan()
            time.advance(seconds: 40)
            let stillSettling = try await inbox.scan()
            time.advance(seconds: 30)
            let settled = try await inbox.scan()
            let again = try await inbox.scan()
            // check
            #expect(first.isEmpty && arriving.isEmpty && stillSettling.isEmpty)
            #expect(settled == [.imported("Complet_20240916"), .imported("Complet_20240917")])
            #expect(again.isEmpty)
            #expect(try await exportDates(app) == ["2024-09-16", "2024-09-17"])
            #expect(files(folder, "imported/Complet_20240917") == [
                "ENT2DVA-ENT16_Complet_20240917_EtabEducNat_0000.xml", "ENT2DVA-ENT16_Complet_20240917_PersEducNat_0000.xml",
                "rapport.json", "rapport.txt"])
            let report = try JSONDecoder().decode(FeedImportReport.self, from: Data(contentsOf: URL(fileURLWithPath: folder)
                .appendingPathComponent("imported/Complet_20240917/rapport.json")))
            #expect(report.records == 4, "the second file was imported with the first")
            #expect(files(folder, "").filter { $0.hasSuffix(".xml") }.isEmpty)
        }
    }

    @Test("A marker file makes a delivery complete at once")
    func marker() async throws {
        try await withInbox { app, inbox, _, folder in
            // setup
            try Delivered.drop("sample-2024", as: "20240916", into: folder)
            try Data().write(to: URL(fileURLWithPath: folder).appendingPathComponent("ENT2DVA-ENT16_Complet_20240916.ok"))
            // act
            let outcomes = try await inbox.scan()
            // check
            #expect(outcomes == [.imported("Complet_20240916")])
            #expect(files(folder, "imported/Complet_20240916").contains("ENT2DVA-ENT16_Complet_20240916.ok"))
        }
    }

    @Test("A broken export lands in refused/ with its report, and the database is unchanged")
    func refused() async throws {
        try await withInbox { app, inbox, _, folder in
            // setup
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            try Delivered.drop("sample-2024", as: "20240916", into: folder)
            let person = URL(fileURLWithPath: folder).appendingPathComponent("ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml")
            try Data(try Data(contentsOf: person).prefix(900)).write(to: person)
            try Data().write(to: URL(fileURLWithPath: folder).appendingPathComponent("Complet_20240916.ok"))
            // act
            let outcomes = try await inbox.scan()
            // check
            #expect(outcomes == [.refused("Complet_20240916")])
            let text = try String(contentsOfFile: "\(folder)/refused/Complet_20240916/rapport.txt", encoding: .utf8)
            #expect(text.hasPrefix("«\u{A0}ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml\u{A0}»"), "\(text)")
            let refusal = try JSONDecoder().decode(AAFDelivery.Refusal.self, from: Data(contentsOf: URL(fileURLWithPath:
                "\(folder)/refused/Complet_20240916/rapport.json")))
            #expect(refusal.file == "ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml")
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
        }
    }

    @Test("A delta before any full import is refused with its sentence, and the database is unchanged")
    func deltaFirst() async throws {
        try await withInbox { app, inbox, time, folder in
            // setup
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            try Delivered.delta(deleting: "123", as: "20240920", into: folder)
            // act
            _ = try await inbox.scan()
            time.advance(seconds: Self.settle)
            let outcomes = try await inbox.scan()
            // check
            #expect(outcomes == [.refused("Delta_20240920")])
            let text = try String(contentsOfFile: "\(folder)/refused/Delta_20240920/rapport.txt", encoding: .utf8)
            #expect(text.contains("export Delta du 20/09/2024 arrivé avant tout import Complet de l'année 2024-2025"), "\(text)")
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
        }
    }

    @Test("A held export waits in held/, and so do the later ones, until it is confirmed")
    func heldWaits() async throws {
        try await withInbox { app, inbox, _, folder in
            // setup: three people, then an export without one of them (1 of 3: above 30 %), then a delta
            try Delivered.drop("sample-2024-next", as: "20240916", into: folder)
            try Delivered.drop("sample-2024", as: "20240917", into: folder)
            try Delivered.delta(deleting: "314160", as: "20240918", into: folder)
            for day in ["Complet_20240916", "Complet_20240917", "Delta_20240918"] {
                try Data().write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(day).ok"))
            }
            // act
            let first = try await inbox.scan()
            let waiting = try await inbox.scan()
            let confirmed = try await inbox.confirm("Complet_20240917")
            let after = try await inbox.scan()
            // check
            #expect(first == [.imported("Complet_20240916"), .held("Complet_20240917")])
            #expect(waiting.isEmpty, "the delta waits behind the held export")
            #expect(confirmed == .imported("Complet_20240917"))
            #expect(after == [.imported("Delta_20240918")])
            #expect(try await exportDates(app) == ["2024-09-16", "2024-09-17", "2024-09-17", "2024-09-18"])
        }
    }
}

extension FeedInboxTests {
    @Test("A delivery a dead server left in .en-cours/ is put back and imported whole")
    func interrupted() async throws {
        try await withInbox { app, inbox, _, folder in
            // setup
            let working = "\(folder)/.en-cours/Complet_20240916"
            try FileManager.default.createDirectory(atPath: working, withIntermediateDirectories: true)
            try Delivered.drop("sample-2024", as: "20240916", into: working)
            try Data().write(to: URL(fileURLWithPath: "\(working)/Complet_20240916.ok"))
            // act
            let outcomes = try await inbox.scan()
            // check
            #expect(outcomes == [.imported("Complet_20240916")])
            #expect(files(folder, ".en-cours").isEmpty)
            #expect(try await exportDates(app) == ["2024-09-16"])
        }
    }
}
