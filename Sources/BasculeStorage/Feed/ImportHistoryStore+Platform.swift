import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// The platform's whole import history, for the operator (an establishment's administrators
/// read only what concerns them: `reports(concerning:)`), and the questions the drop folder,
/// the upload and the year change's warnings ask of it.
extension ImportHistoryStore {
    /// One import as the operator's history shows it: its report when it got one, the reason
    /// it was refused or failed otherwise.
    public struct PlatformRun: Sendable {
        public let id: Int
        public let source: String
        public let isFull: Bool
        public let exportDate: String?
        public let startedAt: String
        public let state: ImportRunState
        public let year: String?
        public let report: FeedImportReport?
        public let reason: String?
    }

    public static let operatorOnly = "L'historique des imports de la plateforme est réservé à son opérateur."

    /// The last `limit` imports of the platform, newest first.
    public func platformRuns(by viewer: Viewer, limit: Int = 50) async throws -> [PlatformRun] {
        guard viewer.isOperator else { throw ServiceError.forbidden(Self.operatorOnly) }
        struct Row: Decodable {
            let id: Int, source: String, is_full: Bool, export_date: String?, started_at: String, state: String
            let name: String?, report: String?
        }
        let rows = try await db.sql.raw("""
            SELECT r.id, r.source, r.is_full, r.export_date, r.started_at, r.state, y.name, r.report
            FROM import_runs r LEFT JOIN school_years y ON y.id = r.school_year_id
            ORDER BY r.id DESC LIMIT \(bind: limit)
            """).all(decoding: Row.self)
        return rows.map { row in
            let report = row.report.flatMap { try? JSONDecoder().decode(FeedImportReport.self, from: Data($0.utf8)) }
            let state = ImportRunState(rawValue: row.state) ?? .failed
            // The report column holds the refusal's reason when there was no report; a report
            // this version cannot read is not one, and is not shown as text.
            return PlatformRun(id: row.id, source: row.source, isFull: row.is_full, exportDate: row.export_date,
                               startedAt: row.started_at, state: state, year: row.name, report: report,
                               reason: [.refused, .failed].contains(state) ? row.report : nil)
        }
    }

    /// Whether an import of the year was applied (`full`: a full one): a delta needs a full
    /// import under it, and the year change warns while next year has none.
    public func hasAppliedImport(into year: SchoolYearName, full: Bool) async throws -> Bool {
        let fullOnly: SQLQueryString = full ? "AND r.is_full = \(bind: true)" : ""
        return try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM import_runs r JOIN school_years y ON y.id = r.school_year_id
            WHERE y.name = \(bind: year.description) AND r.state = \(bind: ImportRunState.applied.rawValue) \(fullOnly)
            """).first(decodingColumn: "n", as: Int.self) ?? 0 > 0
    }
}
