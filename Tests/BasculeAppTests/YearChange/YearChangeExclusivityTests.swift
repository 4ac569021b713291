import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

@Suite("Year change: one at a time, and an undo that leaves nothing behind")
struct YearChangeExclusivityTests {
    static let asOf = YearChangeFixture.asOf
    static let from = YearChangeFixture.from

    /// The small académie with its activity, next year not imported: the change creates it.
    private func academy(_ app: Application) async throws -> (engine: YearChangeEngine, uais: [String]) {
        _ = try await TestAcademy.make(app, withActivity: true)
        return (app.yearChange, try await app.yearChange.establishments([]).map(\.uai))
    }

    private func outcome<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private func options() -> YearChangeEngine.Options { .init(asOf: Self.asOf, confirm: true) }

    private func count(_ app: Application, _ table: String) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("Two changes started at once end exactly where one change ends: one year created, sanctions mailed once")
    func concurrentRuns() async throws {
        var once = ""
        var messagesOnce = 0
        try await withTestApp { app in
            let (engine, uais) = try await academy(app)
            _ = try await engine.run(from: Self.from, uais: uais, options: options())
            once = try await portableChecksum(app.sql)
            messagesOnce = try await count(app, "mail_messages")
        }
        try await withTestApp { app in
            // setup
            let (engine, uais) = try await academy(app)
            let options = options()
            // act
            async let first = outcome { try await engine.run(from: Self.from, uais: uais, options: options) }
            async let second = outcome { try await engine.run(from: Self.from, uais: uais, options: options) }
            let results = await [first, second]
            _ = try await engine.run(from: Self.from, uais: uais, options: options)  // finishes whatever was refused
            // check
            #expect(results.contains { if case .success = $0 { true } else { false } })
            for case .failure(let error) in results {
                #expect(error is DatabaseLock.Failure, "\(error)")
            }
            #expect(try await portableChecksum(app.sql) == once)
            #expect(try await count(app, "mail_messages") == messagesOnce)
            #expect(try await count(app, "school_years") == 2)
        }
    }

    @Test("While the lock is held, run, undo and purge are refused, and so is the API's run (409)")
    func refusedWhileHeld() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.code
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            let lock = DatabaseLock(YearChangeEngine.lockName, on: app.sql, holder: "another instance")
            // act
            let refusals: [Bool] = try await lock.run {
                var refusals: [Bool] = []
                for attempt in [
                    { _ = try await app.yearChange.run(from: Self.from, uais: [uai], options: self.options()) },
                    { _ = try await app.yearChange.undo(uai: uai) },
                    { _ = try await app.yearChange.purge(asOf: Self.asOf) },
                ] as [@Sendable () async throws -> Void] {
                    do { try await attempt(); refusals.append(false) } catch { refusals.append(error is DatabaseLock.Failure) }
                }
                return refusals
            }
            let held = try await lock.run {
                try await app.call(.POST, "api/v1/year-change/runs", as: operatorHeaders,
                                   encodable: YearChangeAPI.RunRequest(from: "2025-2026", establishments: [uai], confirm: true))
            }
            let afterRelease = try await app.call(.POST, "api/v1/year-change/runs", as: operatorHeaders,
                                                  encodable: YearChangeAPI.RunRequest(from: "2025-2026", establishments: [uai], confirm: true))
            // check
            #expect(refusals == [true, true, true])
            #expect(held.status == .conflict)
            #expect(String(buffer: held.body).contains("déjà en cours"))
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall != before)  // the run after release wrote
            #expect(afterRelease.status == .ok)
        }
    }

    @Test("Undoing every establishment's change removes the school year the change created: checksum as before")
    func undoRemovesCreatedYear() async throws {
        try await withTestApp { app in
            // setup
            let (engine, uais) = try await academy(app)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            _ = try await engine.run(from: Self.from, uais: uais, options: options())
            let years = try await count(app, "school_years")
            // act
            var rows: [Int] = []
            for uai in uais.reversed() { rows.append(try await engine.undo(uai: uai).rows) }
            // check
            #expect(years == 2)
            #expect(rows.allSatisfy { $0 > 0 })
            #expect(try await count(app, "school_years") == 1)
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
        }
    }

    @Test("A created year that an import has filled since stays after the undo, with what was imported")
    func undoKeepsFilledYear() async throws {
        try await withTestApp { app in
            // setup
            let (engine, uais) = try await academy(app)
            _ = try await engine.run(from: Self.from, uais: [uais[0]], options: options())
            let next = try await app.sql.raw("SELECT id FROM school_years WHERE name = '2026-2027'")
                .first(decodingColumn: "id", as: Int.self)!
            try await app.sql.raw("""
                INSERT INTO subjects (school_year_id, code, label) VALUES (\(bind: next), '999999', 'IMPORTÉE')
                """).run()
            // act
            _ = try await engine.undo(uai: uais[0])
            // check
            #expect(try await count(app, "school_years") == 2)
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM subjects WHERE school_year_id = \(bind: next)")
                .first(decodingColumn: "n", as: Int.self) == 1)
        }
    }
}
