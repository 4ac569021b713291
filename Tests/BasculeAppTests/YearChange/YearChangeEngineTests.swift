import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

@Suite("Year change: plan, run, resume, undo, hold")
struct YearChangeEngineTests {
    @Test("The plan writes nothing, and announces per rule the rows the run then reports")
    func planMatchesRun() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let before = try await f.checksum()
            // act
            let plan = try await f.engine.plan(from: YearChangeFixture.from, uais: [f.uaiA], asOf: YearChangeFixture.asOf)[0]
            let afterPlan = try await f.checksum()
            let outcome = try await f.run()[0]
            // check
            #expect(afterPlan == before)
            #expect(outcome.state == .done)
            for step in plan.steps where step.step != YearChangeRule.ID.newYear.rawValue {
                #expect(outcome.steps[step.step] == step.rows, "\(step.step)")
            }
            #expect(plan.steps.contains { $0.rows > 0 && $0.step == "archive_logbooks" })
            #expect(plan.checklist.first { $0.id == .manualGroups }?.entries.isEmpty == false)
        }
    }

    @Test("Undo puts the establishment back exactly as before (checksum), files included")
    func undoRestores() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let before = try await f.checksum()
            _ = try await f.run()
            let changed = try await f.checksum()
            // act
            _ = try await f.engine.undo(uai: f.uaiA)
            let after = try await f.checksum()
            let again = try await f.run()[0]
            // check
            #expect(changed != before)
            #expect(after == before)
            #expect(again.state == .done)  // a new run after an undo
        }
    }

    @Test("A run stopped between steps or inside one resumes to the state of an uninterrupted run; a finished run does nothing",
          arguments: [Interruption.afterSteps(1), .afterSteps(9), .afterSteps(15), .inside(.archiveSections),
                      .inside(.sanctionsToHeads), .inside(.disableManualAccounts)])
    func resume(interruption: Interruption) async throws {
        var uninterrupted = ""
        try await withTestApp { app in
            let f = try await YearChangeFixture.make(app)
            _ = try await f.run()
            uninterrupted = try await f.portableChecksum()
        }
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            var interrupted = f.options
            interrupted.apply(interruption)
            // act
            await #expect(throws: YearChangeEngine.Failure.interrupted) { try await f.run(options: interrupted) }
            let resumed = try await f.run()[0]
            let state = try await f.portableChecksum()
            let rerun = try await f.run()[0]
            let stateAfterRerun = try await f.portableChecksum()
            // check
            #expect(resumed.state == .done)
            #expect(state == uninterrupted)
            #expect(rerun.state == .alreadyDone)
            #expect(stateAfterRerun == state)
        }
    }

    @Test("A step that would remove an implausible share holds the establishment until --confirm")
    func hold() async throws {
        try await withTestApp { app in
            // setup: nobody of establishment A is in next year's directory
            let f = try await YearChangeFixture.make(app)
            try await app.sql.raw("DELETE FROM profiles WHERE school_year_id = 2").run()
            let binned: SQLQueryString = "moodle_categories WHERE establishment_id = \(bind: f.establishmentA) AND in_recycle_bin = \(bind: true)"
            // act
            let held = try await f.run(options: YearChangeEngine.Options(asOf: YearChangeFixture.asOf))[0]
            let binnedWhileHeld = try await f.count(binned)
            let confirmed = try await f.run()[0]
            let binnedAfter = try await f.count(binned)
            // check
            #expect(held.state == .held)
            #expect(held.holdReason?.contains("Moodle") == true)
            #expect(binnedWhileHeld == 0)
            #expect(confirmed.state == .done)
            #expect(binnedAfter > 0)
        }
    }

    @Test("The purge deletes for good what the change hid, once its window has passed; the change then cannot be undone")
    func purge() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            _ = try await f.run(f.engine.establishments([]).map(\.uai))
            let unfiled: SQLQueryString = "mail_deliveries WHERE school_year_id = 1 AND folder_id IS NULL AND is_archived = \(bind: false)"
            let hidden = try await f.count(unfiled)
            // act
            let early = try await f.engine.purge(asOf: YearChangeFixture.asOf.adding(days: 1))
            let hiddenAfterEarly = try await f.count(unfiled)
            let late = try await f.engine.purge(asOf: YearChangeFixture.asOf.adding(days: 100))
            // check
            #expect(early.sections > 0 && early.deliveries == 0 && early.groups == 0 && early.accounts == 0)
            #expect(hiddenAfterEarly == hidden)
            #expect(late.deliveries == hidden && late.groups > 0 && late.accounts > 0)
            #expect(try await f.count(unfiled) == 0)
            #expect(try await f.count("groups WHERE kind = 'manual' AND lifetime = 'school_year' AND school_year_id = 1") == 0)
            await #expect(throws: YearChangeEngine.Failure.purged(f.uaiA)) { try await f.engine.undo(uai: f.uaiA) }
        }
    }

    @Test("The next year becomes current when the last establishment has changed, and turns back on undo")
    func yearsTurn() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let all = try await f.engine.establishments([]).map(\.uai)
            func states() async throws -> [String] {
                try await app.sql.raw("SELECT state FROM school_years ORDER BY id").all(decodingColumn: "state", as: String.self)
            }
            // act
            _ = try await f.run(Array(all.dropLast()))
            let beforeLast = try await states()
            _ = try await f.run([all.last!])
            let afterLast = try await states()
            _ = try await f.engine.undo(uai: all.last!)
            let afterUndo = try await states()
            // check
            #expect(beforeLast == ["current", "preparing"])
            #expect(afterLast == ["archived", "current"])
            #expect(afterUndo == ["current", "preparing"])
        }
    }
}

/// Where a test interrupts a run: after some steps have committed, or inside a step's transaction.
enum Interruption: Sendable, CustomTestStringConvertible {
    case afterSteps(Int)
    case inside(YearChangeRule.ID)

    var testDescription: String {
        switch self {
        case .afterSteps(let n): "stopped after \(n) steps"
        case .inside(let step): "killed inside \(step.rawValue)"
        }
    }
}

extension YearChangeEngine.Options {
    mutating func apply(_ interruption: Interruption) {
        switch interruption {
        case .afterSteps(let n): stopAfterSteps = n
        case .inside(let step): failInside = step
        }
    }
}
