import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// An import that fails, or whose process dies, must leave neither its run "staging" nor the
/// import lock held: the next valid import goes through.
@Suite("AAF import failures")
struct FeedFailureTests {
    static let year = "2024-2025"

    @Test("`bascule import aaf` with rejected person records exits normally, and the next import is not refused")
    func commandWithRejectedRecords() throws {
        // setup
        let bascule = try BasculeProcess()
        defer { bascule.remove() }
        // act
        let first = try bascule.run(["import", "aaf", aafFixture("rejected-persons"), "--year", Self.year, "--json"])
        let second = try bascule.run(["import", "aaf", aafFixture("sample-2024"), "--year", Self.year, "--json"])
        // check
        #expect(first.status == 0, "\(first.errors)")
        #expect(second.status == 0, "the lock was released: \(second.errors)")
        let report = try JSONDecoder().decode(FeedImportReport.self, from: Data(first.output.utf8))
        #expect(report.state == .applied)
        #expect(report.rejections.map(\.id) == ["900001", "900002", "900003", "900004"])
    }

    @Test("The lock and the run of an import that was killed are recovered within one lease, not hours")
    func killedImportRecovered() async throws {
        try await withTestApp { app in
            // setup: what `kill -9` three minutes ago leaves behind
            let then = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-180))
            try await app.sql.raw("INSERT INTO locks (name, holder, acquired_at) VALUES ('import AAF', 'import AAF x, pid 1', \(bind: then))").run()
            try await app.sql.raw("""
                INSERT INTO import_runs (source, is_full, export_date, started_at, state)
                VALUES ('x', \(bind: true), '2024-09-16', \(bind: then), 'staging')
                """).run()
            // act
            let options = FeedImporter.Options(year: SchoolYearName(startYear: 2024), today: try CalendarDate(iso: "2024-09-20"))
            let report = try await FeedImporter(db: app.db, options: options).run(directory: aafFixture("sample-2024"))
            // check
            #expect(report.state == .applied)
            let states = try await app.sql.raw("SELECT state FROM import_runs ORDER BY id").all(decodingColumn: "state", as: String.self)
            #expect(states == ["failed", "applied"])
            #expect(try await app.sql.raw("SELECT name FROM locks").all().isEmpty)
        }
    }

    @Test("A running job renews its lease: a competitor is refused past the lease, while the holder works")
    func leaseRenewed() async throws {
        try await withTestApp { app in
            // setup
            let lease: TimeInterval = 2
            let holder = DatabaseLock("test job", on: app.sql, holder: "holder", staleAfter: lease)
            let competitor = DatabaseLock("test job", on: app.sql, holder: "competitor", staleAfter: lease)
            // act: the competitor tries once the first lease is long over
            let refusal: (any Error)? = try await holder.run {
                try await Task.sleep(for: .seconds(3.2))
                do { try await competitor.run {}; return nil } catch { return error }
            }
            // check
            #expect(refusal is DatabaseLock.Failure, "\(String(describing: refusal))")
            #expect(try await app.sql.raw("SELECT name FROM locks").all().isEmpty, "released once done")
        }
    }
}
