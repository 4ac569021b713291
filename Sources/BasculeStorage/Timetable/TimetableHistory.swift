import BasculeDomain
import Foundation
import SQLKit

/// The imports of an establishment's timetable, applied or dry runs, with their reports.
public struct TimetableHistory: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public let id: Int
        public let startedAt: String
        public let fileName: String
        public let isDryRun: Bool
        public let report: TimetableImportReport
    }

    let sql: any SQLDatabase

    func record(_ report: TimetableImportReport, place: TimetablePlace, by account: Int?, at instant: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try await sql.insert(into: "timetable_imports")
            .columns("establishment_id", "school_year_id", "started_by", "started_at", "file_name", "software", "is_dry_run",
                     "outcome", "report")
            .values(SQLBind(place.establishmentID), SQLBind(place.yearID), SQLBind(account), SQLBind(instant),
                    SQLBind(report.fileName), SQLBind(report.source.software.rawValue), SQLBind(report.isDryRun),
                    SQLBind(report.isDryRun ? "dry_run" : "applied"), SQLBind(json))
            .run()
    }

    func entries(establishmentID: Int, limit: Int = 50) async throws -> [Entry] {
        struct Row: Decodable { let id: Int; let started_at: String; let file_name: String; let is_dry_run: Bool; let report: String }
        return try await sql.raw("""
            SELECT id, started_at, file_name, is_dry_run, report FROM timetable_imports
            WHERE establishment_id = \(bind: establishmentID) ORDER BY id DESC LIMIT \(unsafeRaw: String(limit))
            """).all(decoding: Row.self).compactMap { row in
            guard let report = try? JSONDecoder().decode(TimetableImportReport.self, from: Data(row.report.utf8)) else { return nil }
            return Entry(id: row.id, startedAt: row.started_at, fileName: row.file_name, isDryRun: row.is_dry_run, report: report)
        }
    }
}
