import BasculeDomain
import BasculeFormats
import BasculeStorage
import Fluent
import Foundation

/// One export brought by the drop folder or an upload, imported without `--year`: into the
/// year its date feeds (`SchoolYearName(exportedOn:)`), a delta only on top of a full import of
/// that year (the importer refuses a delta before it). What is refused is said in one French sentence, file and reason.
enum AAFDelivery {
    /// Why an export was refused; kept beside it as `rapport.json`, shown in the browser.
    struct Refusal: Error, Codable, Equatable, CustomStringConvertible {
        var file: String
        var line: Int?
        var reason: String

        init(file: String, line: Int? = nil, reason: String) {
            self.file = file
            self.line = line
            self.reason = reason
        }

        init(_ error: AAFError) {
            self.init(file: error.file, line: error.line, reason: error.reason)
        }

        /// « ENT_Complet_20240916_Eleve_0000.xml », ligne 12 : refusé…
        var description: String {
            French.typeset("« \(file) »\(line.map { ", ligne \($0)" } ?? "") : \(reason).")
        }
    }

    struct Options {
        var dryRun = false
        var confirmDepartures = false
    }

    /// Imports the export of `folder` (its files alone); `Refusal` when the export is refused,
    /// the importer's own errors otherwise (the import lock held elsewhere, a database failure).
    static func run(folder: String, options: Options, db: any Database, clock: WallClock) async throws -> FeedImportReport {
        let files: [AAFFile]
        do { files = try AAFFile.export(in: folder) } catch { throw Refusal(error) }
        let year = SchoolYearName(exportedOn: files[0].date)
        var importOptions = FeedImporter.Options(year: year, today: clock.today)
        importOptions.dryRun = options.dryRun
        importOptions.confirmDepartures = options.confirmDepartures
        do {
            return try await FeedImporter(db: db, options: importOptions).run(directory: folder, clock: { clock.now })
        } catch FeedImporter.Failure.refused(let error) {
            throw Refusal(error)
        } catch FeedImporter.Failure.archivedYear(let year) {
            throw Refusal(file: files[0].name, reason: "l'année \(year) est archivée : elle ne reçoit plus d'import")
        }
    }

    /// Whether the report leaves establishments waiting for the operator's confirmation.
    static func isHeld(_ report: FeedImportReport) -> Bool {
        report.state == .held || !report.holds.isEmpty
    }
}
