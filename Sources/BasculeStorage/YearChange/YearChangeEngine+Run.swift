import BasculeDomain
import Foundation
import SQLKit

extension YearChangeEngine {
    public struct Outcome: Sendable, Codable, Equatable {
        public let uai: String
        public let runID: Int
        public enum State: String, Sendable, Codable {
            case done
            /// Waiting for `--confirm`.
            case held
            /// Changed by an earlier run: left as it is.
            case alreadyDone = "already_done"
        }

        public let state: State
        public let holdReason: String?
        public let steps: [String: Int]
    }

    /// Changes the establishments (all when `uais` is empty) from `from` to the next year,
    /// resuming any run a crash left unfinished; a finished establishment is left as it is.
    /// Refused (`DatabaseLock.Failure.held`) while another change, undo or purge runs.
    public func run(from: SchoolYearName, uais: [String] = [], options: Options,
                    progress: @Sendable (Progress) -> Void = { _ in }) async throws -> [Outcome] {
        try await exclusively(holder: options.holder) {
            try await runLocked(from: from, uais: uais, options: options, progress: progress)
        }
    }

    private func runLocked(from: SchoolYearName, uais: [String], options: Options,
                           progress: @Sendable (Progress) -> Void) async throws -> [Outcome] {
        let years = try await years(from: from, create: true)
        let toYearID = years.to!
        let targets = try await establishments(uais)
        var outcomes: [Outcome] = []
        var committed = 0
        for (index, establishment) in targets.enumerated() {
            let run = try await openRun(establishmentID: establishment.id, fromYearID: years.from, toYearID: toYearID,
                                        asOf: options.asOf)
            if run.state == .done {
                outcomes.append(Outcome(uai: establishment.uai, runID: run.id, state: .alreadyDone, holdReason: nil,
                                        steps: try await journal(run.id)))
                continue
            }
            let scope = YearChangeScope(establishmentID: establishment.id, fromYearID: years.from, toYearID: toYearID,
                                        fromYear: from, asOf: try CalendarDate(iso: run.asOf))
            var done = try await journal(run.id)
            var hold: String?
            for rule in YearChangeRules.all where done[rule.id.rawValue] == nil {
                if let reason = try await holdReason(rule.id, scope: scope, options: options) {
                    hold = reason
                    break
                }
                let rows = try await runStep(rule.id, runID: run.id, scope: scope, options: options)
                done[rule.id.rawValue] = rows
                committed += 1
                progress(Progress(uai: establishment.uai, establishmentIndex: index, establishmentCount: targets.count,
                                  step: rule.id, rows: rows))
                if let stop = options.stopAfterSteps, committed >= stop { throw Failure.interrupted }
            }
            let state: YearChangeRunState = hold == nil ? .done : .held
            try await sql.update("year_change_runs").set("state", to: state.rawValue).set("hold_reason", to: hold)
                .set("finished_at", to: hold == nil ? Self.timestamp() : nil).where("id", .equal, run.id).run()
            outcomes.append(Outcome(uai: establishment.uai, runID: run.id, state: state == .done ? .done : .held, holdReason: hold, steps: done))
        }
        return outcomes
    }

    /// One step: its writes, undo log and journal line in one transaction.
    func runStep(_ rule: YearChangeRule.ID, runID: Int, scope: YearChangeScope, options: Options) async throws -> Int {
        let started = Date()
        return try await db.transaction { database in
            let tx = database as! any SQLDatabase
            try await Self.takeWriteLock(tx, runID: runID)
            let steps = YearChangeSteps(scope: scope, sql: tx)
            let rows = try await steps.execute(rule, log: UndoLog(sql: tx, runID: runID, step: rule.rawValue), files: files)
            if options.failInside == rule { throw Failure.interrupted }
            let finished = Date()
            try await tx.insert(into: "year_change_steps")
                .columns("run_id", "step", "rows", "started_at", "finished_at", "milliseconds")
                .values(SQLBind(runID), SQLBind(rule.rawValue), SQLBind(rows), SQLBind(Self.timestamp(started)),
                        SQLBind(Self.timestamp(finished)), SQLBind(Int(finished.timeIntervalSince(started) * 1000)))
                .run()
            return rows
        }
    }

    /// Why an establishment must wait for `--confirm` before this step, if it must.
    func holdReason(_ rule: YearChangeRule.ID, scope: YearChangeScope, options: Options) async throws -> String? {
        guard !options.confirm else { return nil }
        let steps = YearChangeSteps(scope: scope, sql: sql)
        guard let population = try await steps.population(rule), population >= 10 else { return nil }
        let rows = try await steps.count(rule)
        let share = Double(rows) / Double(population)
        guard share > options.holdShare else { return nil }
        return "« \(YearChangeRules.rule(rule).data) » : \(rows) sur \(population) (\(Int((share * 100).rounded())) %), "
            + "au-delà du seuil de \(Int(options.holdShare * 100)) % ; relancer avec --confirm si c'est voulu"
    }

    /// The establishment's unfinished or finished run from this year, or a new one.
    func openRun(establishmentID: Int, fromYearID: Int, toYearID: Int, asOf: CalendarDate) async throws
        -> (id: Int, state: YearChangeRunState, asOf: String) {
        struct Run: Decodable { let id: Int; let state: YearChangeRunState; let as_of: String }
        if let run = try await sql.raw("""
            SELECT id, state, as_of FROM year_change_runs WHERE establishment_id = \(bind: establishmentID)
            AND from_year_id = \(bind: fromYearID) AND state <> \(YearChangeRunState.undone) ORDER BY id DESC LIMIT 1
            """).first(decoding: Run.self) {
            if run.state == .held {
                try await sql.update("year_change_runs").set("state", to: YearChangeRunState.running.rawValue).set("hold_reason", to: String?.none)
                    .where("id", .equal, run.id).run()
            }
            return (run.id, run.state == .done ? .done : .running, run.as_of)
        }
        let id = try await sql.insert(into: "year_change_runs")
            .columns("establishment_id", "from_year_id", "to_year_id", "state", "as_of", "started_at")
            .values(SQLBind(establishmentID), SQLBind(fromYearID), SQLBind(toYearID), SQLBind(YearChangeRunState.running.rawValue),
                    SQLBind(asOf.iso), SQLBind(Self.timestamp()))
            .returning("id").first(decodingColumn: "id", as: Int.self)!
        return (id, .running, asOf.iso)
    }

    /// The steps a run has journaled, with their rows.
    func journal(_ runID: Int) async throws -> [String: Int] {
        struct Step: Decodable { let step: String; let rows: Int }
        let steps = try await sql.raw("SELECT step, rows FROM year_change_steps WHERE run_id = \(bind: runID)")
            .all(decoding: Step.self)
        return Dictionary(uniqueKeysWithValues: steps.map { ($0.step, $0.rows) })
    }

    /// SQLite: a transaction that reads first and writes later fails (SQLITE_BUSY_SNAPSHOT) if
    /// another connection — the web server writing a session — wrote in between. Writing
    /// first takes the write lock at once, waiting for the other writer instead.
    static func takeWriteLock(_ tx: any SQLDatabase, runID: Int) async throws {
        guard tx.dialect.name == "sqlite" else { return }
        try await tx.raw("UPDATE year_change_runs SET state = state WHERE id = \(bind: runID)").run()
    }

    static func timestamp(_ date: Date = Date()) -> String {
        String(ISO8601DateFormatter().string(from: date).prefix(19))
    }
}
