import BasculeDomain
import Foundation
import SQLKit

/// The console's launches, read and written for every instance.
public struct YearChangeLaunches: Sendable {
    public struct Launch: Sendable, Codable, Equatable {
        public let id: Int
        public let kind: YearChangeLaunchKind
        /// UAIs separated by commas, or empty for all.
        public let establishments: String
        public let startedAt: String
        public let finishedAt: String?
        public let outcome: String?
        public let error: String?
    }

    let sql: any SQLDatabase

    public init(sql: any SQLDatabase) {
        self.sql = sql
    }

    public func start(kind: YearChangeLaunchKind, uais: [String], by accountID: Int, at time: String) async throws -> Int {
        try await sql.insert(into: "year_change_launches").columns("kind", "establishments", "started_by", "started_at")
            .values(SQLBind(kind.rawValue), SQLBind(uais.joined(separator: ",")), SQLBind(accountID), SQLBind(time))
            .returning("id").first(decodingColumn: "id", as: Int.self) ?? 0
    }

    public func finish(_ id: Int, at time: String, outcome: String?, error: String?) async throws {
        try await sql.update("year_change_launches").set("finished_at", to: time).set("outcome", to: outcome)
            .set("error", to: error).where("id", .equal, id).run()
    }

    /// The newest launches first.
    public func recent(limit: Int = 20) async throws -> [Launch] {
        struct Row: Decodable {
            let id: Int, kind: YearChangeLaunchKind, establishments: String, started_at: String
            let finished_at: String?, outcome: String?, error: String?
        }
        return try await sql.raw("""
            SELECT id, kind, establishments, started_at, finished_at, outcome, error FROM year_change_launches
            ORDER BY id DESC LIMIT \(unsafeRaw: String(limit))
            """).all(decoding: Row.self).map {
            Launch(id: $0.id, kind: $0.kind, establishments: $0.establishments, startedAt: $0.started_at,
                   finishedAt: $0.finished_at, outcome: $0.outcome, error: $0.error)
        }
    }
}
