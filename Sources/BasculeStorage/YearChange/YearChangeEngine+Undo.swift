import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension YearChangeEngine {
    public struct UndoOutcome: Sendable, Codable, Equatable {
        public let runID: Int
        /// Rows put back: values restored, inserted rows deleted, removed rows inserted again.
        public let rows: Int
    }

    /// Puts an establishment back as it was before its last change (finished, held or
    /// interrupted), from the undo log, in one transaction. If the change had made the next year
    /// current, the years turn back too; if a change created the next year and this was the last
    /// change using it, the year goes too. Files the change stored and nothing refers to any
    /// more leave the disk.
    @discardableResult
    public func undo(uai: String, holder: String = YearChangeEngine.defaultHolder) async throws -> UndoOutcome {
        try await exclusively(holder: holder) { try await undoLocked(uai: uai) }
    }

    private func undoLocked(uai: String) async throws -> UndoOutcome {
        guard let establishment = try await establishments([uai]).first else { throw Failure.unknownEstablishment(uai) }
        struct Run: Decodable { let id: Int; let state: YearChangeRunState; let from_year_id: Int; let to_year_id: Int }
        guard let run = try await sql.raw("""
            SELECT id, state, from_year_id, to_year_id FROM year_change_runs WHERE establishment_id = \(bind: establishment.id)
            AND state <> \(YearChangeRunState.undone) ORDER BY id DESC LIMIT 1
            """).first(decoding: Run.self) else { throw Failure.nothingToUndo(uai) }
        guard run.state != .purged else { throw Failure.purged(uai) }
        let storedFiles = try await sql.raw("""
            SELECT f.sha256 FROM files f JOIN year_change_undo u ON u.row_id = f.id
            WHERE u.run_id = \(bind: run.id) AND u.table_name = 'files' AND u.column_name IS NULL
            """).all(decodingColumn: "sha256", as: String.self)
        let rows = try await db.transaction { database in
            let tx = database as! any SQLDatabase
            try await Self.takeWriteLock(tx, runID: run.id)
            let rows = try await tx.raw("""
                SELECT COUNT(*) AS n FROM (SELECT DISTINCT table_name, row_id FROM year_change_undo
                WHERE run_id = \(bind: run.id)) logged
                """).first(decodingColumn: "n", as: Int.self) ?? 0
            try await UndoLog.revert(runID: run.id, on: tx)
            try await Self.settleYear(of: establishment.id, back: run.from_year_id, on: tx)
            try await tx.update("year_change_runs").set("state", to: YearChangeRunState.undone.rawValue).set("finished_at", to: Self.timestamp())
                .where("id", .equal, run.id).run()
            try await Self.removeCreatedYearIfUnused(run.to_year_id, on: tx)
            return rows
        }
        for sha256 in storedFiles {
            try? FileManager.default.removeItem(atPath: files.path(of: sha256))
        }
        return UndoOutcome(runID: run.id, rows: rows)
    }

    /// Puts the establishment back in the year its change started from. If the région's years
    /// have turned since (the others all finished), that year is no longer the région's and is
    /// kept as the establishment's own; a pointer to the région's current year says nothing more
    /// than an empty one and is emptied, so that undoing every change, in any order, leaves the
    /// establishments exactly as they were.
    static func settleYear(of establishmentID: Int, back fromYearID: Int, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            UPDATE establishments SET current_year_id = \(bind: fromYearID)
            WHERE id = \(bind: establishmentID) AND current_year_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM school_years WHERE id = \(bind: fromYearID) AND state = \(SchoolYearState.current))
            """).run()
        try await tx.raw("UPDATE establishments SET current_year_id = NULL WHERE current_year_id = \(EstablishmentYear.regional)").run()
    }

    /// Deletes a school year a change created once no change that is not undone goes to it and
    /// nothing of the directory or the services belongs to it (an import may have filled it
    /// since: then it stays). The journals of the undone changes to it go with it.
    static func removeCreatedYearIfUnused(_ yearID: Int, on tx: any SQLDatabase) async throws {
        // One statement, whatever the number of year-bound tables.
        var unused: SQLQueryString = """
            id IN (SELECT school_year_id FROM year_change_created_years)
            AND NOT EXISTS (SELECT 1 FROM year_change_runs WHERE state <> \(YearChangeRunState.undone)
                        AND (to_year_id = \(bind: yearID) OR from_year_id = \(bind: yearID)))
            """
        for table in DigestedTables.all where table.columns.contains(where: { $0.name == "school_year_id" }) {
            unused = "\(unused) AND NOT EXISTS (SELECT 1 FROM \(ident: table.name) WHERE school_year_id = \(bind: yearID))"
        }
        unused = "\(unused) AND NOT EXISTS (SELECT 1 FROM establishments WHERE current_year_id = \(bind: yearID))"
        try await tx.raw("DELETE FROM school_years WHERE id = \(bind: yearID) AND \(unused)").run()
    }
}
