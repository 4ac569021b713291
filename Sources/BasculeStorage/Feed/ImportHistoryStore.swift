import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// The AAF imports that concern an establishment, newest first, from `import_runs`.
public struct ImportHistoryStore: Sendable {
    public struct Run: Sendable, Decodable {
        public let id: Int
        public let source: String
        public let started_at: String
        public let state: String
        public let report: String?
    }

    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    /// The last 50 runs whose report has a line or a hold for the establishment, with that report.
    public func reports(concerning uai: String) async throws -> [(run: Run, report: FeedImportReport)] {
        let runs = try await db.sql.raw("""
            SELECT id, source, started_at, state, report FROM import_runs ORDER BY id DESC LIMIT 50
            """).all(decoding: Run.self)
        return runs.compactMap { run in
            guard let text = run.report, let report = try? JSONDecoder().decode(FeedImportReport.self, from: Data(text.utf8)),
                  report.lines.contains(where: { $0.uai == uai }) || report.holds.contains(where: { $0.uai == uai })
            else { return nil }
            return (run, report)
        }
    }
}
