import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension YearChangeEngine {
    /// Puts an establishment back as it was before its last change (finished, held or
    /// interrupted), from the undo log, in one transaction. If the change had made the next year
    /// current, the years turn back too. Files the change stored and nothing refers to any more
    /// leave the disk.
    public func undo(uai: String) async throws -> Int {
        guard let establishment = try await establishments([uai]).first else { throw Failure.unknownEstablishment(uai) }
        guard let runID = try await sql.raw("""
            SELECT id FROM year_change_runs WHERE establishment_id = \(bind: establishment.id) AND state <> 'undone'
            ORDER BY id DESC LIMIT 1
            """).first(decodingColumn: "id", as: Int.self) else { throw Failure.nothingToUndo(uai) }
        let state = try await sql.select().column("state").from("year_change_runs").where("id", .equal, runID)
            .first(decodingColumn: "state", as: String.self)
        guard state != "purged" else { throw Failure.purged(uai) }
        let storedFiles = try await sql.raw("""
            SELECT f.sha256 FROM files f JOIN year_change_undo u ON u.row_id = f.id
            WHERE u.run_id = \(bind: runID) AND u.table_name = 'files' AND u.column_name IS NULL
            """).all(decodingColumn: "sha256", as: String.self)
        try await db.transaction { database in
            let tx = database as! any SQLDatabase
            try await Self.takeWriteLock(tx, runID: runID)
            try await UndoLog.revert(runID: runID, on: tx)
            try await tx.update("year_change_runs").set("state", to: "undone").set("finished_at", to: Self.timestamp())
                .where("id", .equal, runID).run()
        }
        for sha256 in storedFiles {
            try? FileManager.default.removeItem(atPath: files.path(of: sha256))
        }
        return runID
    }
}
