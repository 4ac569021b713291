import BasculeDomain
import BasculeFormats
import BasculeStorage
import Foundation
import Vapor

/// A timetable file's way in, whoever brings it (the command line, the administrator's upload):
/// read it off the event loop with the ENT's partner key, then hand it to the importer.
struct TimetableImports {
    let app: Application

    struct Request {
        var file: URL
        /// The name people gave the file, for the report and the errors.
        var displayName: String
        var companion: URL?
        var uai: String
        var year: SchoolYearName
        var mode: TimetableMode?
        var isDryRun: Bool
        var acceptsOtherUAI: Bool
    }

    func run(_ request: Request, by viewer: Viewer) async throws -> TimetableImportReport {
        let keys = app.configuration.timetablePartner.map { TimetableKeys(partner: $0.name, privateKey: $0.privateKeyPEM) }
        let export = try await app.threadPool.runIfActive { () throws -> TimetableExport in
            do {
                return try TimetableReader.read(fileAt: request.file, displayName: request.displayName, keys: keys,
                                                companion: request.companion)
            } catch let error as TimetableFileError {
                throw TimetableImportError.unreadable(error.sentence)
            }
        }
        let now = app.clock
        let minutes = CalendarDate.france.dateComponents([.hour, .minute], from: now.moment())
        let moment = TimetableMoment(date: now.today, time: TimeOfDay(minutes: (minutes.hour ?? 0) * 60 + (minutes.minute ?? 0)))
        let importRequest = TimetableImporter.Request(
            export: export, fileName: request.displayName, uai: request.uai, year: request.year, mode: request.mode,
            isDryRun: request.isDryRun, acceptsOtherUAI: request.acceptsOtherUAI, now: moment)
        return try await TimetableImporter(db: app.db).run(importRequest, by: viewer, at: now.now)
    }
}
