import BasculeDomain
import SQLKit

extension YearChangeEngine {
    public struct RunStatus: Sendable, Codable {
        public struct Step: Sendable, Codable {
            public let step: String
            public let rows: Int
            public let milliseconds: Int
        }

        public let runID: Int
        public let uai: String
        public let from: String
        public let to: String
        public let state: YearChangeRunState
        public let asOf: String
        public let startedAt: String
        public let finishedAt: String?
        public let holdReason: String?
        public let steps: [Step]
        public let remaining: [String]
    }

    /// Every run, newest first, with its journaled steps and those left to do.
    public func status() async throws -> [RunStatus] {
        struct Run: Decodable {
            let id: Int, uai: String, from_name: String, to_name: String, state: YearChangeRunState, as_of: String
            let started_at: String, finished_at: String?, hold_reason: String?
        }
        let runs = try await sql.raw("""
            SELECT r.id, e.uai, f.name AS from_name, t.name AS to_name, r.state, r.as_of, r.started_at, r.finished_at, r.hold_reason
            FROM year_change_runs r JOIN establishments e ON e.id = r.establishment_id
            JOIN school_years f ON f.id = r.from_year_id JOIN school_years t ON t.id = r.to_year_id
            ORDER BY r.id DESC
            """).all(decoding: Run.self)
        struct Step: Decodable { let run_id: Int; let step: String; let rows: Int; let milliseconds: Int }
        let steps = Dictionary(grouping: try await sql.raw("""
            SELECT run_id, step, rows, milliseconds FROM year_change_steps ORDER BY id
            """).all(decoding: Step.self), by: \.run_id)
        return runs.map { run in
            let done = steps[run.id] ?? []
            let names = Set(done.map(\.step))
            return RunStatus(runID: run.id, uai: run.uai, from: run.from_name, to: run.to_name, state: run.state, asOf: run.as_of,
                             startedAt: run.started_at, finishedAt: run.finished_at, holdReason: run.hold_reason,
                             steps: done.map { .init(step: $0.step, rows: $0.rows, milliseconds: $0.milliseconds) },
                             remaining: run.state == .undone ? []
                                 : YearChangeRules.all.map(\.id.rawValue).filter { !names.contains($0) })
        }
    }
}
