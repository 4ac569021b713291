import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// Imports a timetable export into an establishment's year: matches it with the directory,
/// writes its calendar, subjects, rooms, groups (modes 2 and 3), memberships (mode 2) and
/// courses, in one transaction. A dry run does all of it and rolls it back, so that what it
/// shows is exactly what applying would do. Re-importing the same file changes nothing; a new
/// file replaces the future and leaves the weeks already past as they were.
public struct TimetableImporter: Sendable {
    public struct Request: Sendable {
        public var export: TimetableExport
        public var fileName: String
        public var uai: String
        public var year: SchoolYearName
        /// Sets the establishment's mode for the year; nil keeps the mode in force (1 by default).
        public var mode: TimetableMode?
        public var isDryRun: Bool
        /// The operator's choice to import a file whose UAI is another establishment's.
        public var acceptsOtherUAI: Bool
        public var now: TimetableMoment

        public init(export: TimetableExport, fileName: String, uai: String, year: SchoolYearName, mode: TimetableMode? = nil,
                    isDryRun: Bool = false, acceptsOtherUAI: Bool = false, now: TimetableMoment) {
            self.export = export
            self.fileName = fileName
            self.uai = uai
            self.year = year
            self.mode = mode
            self.isDryRun = isDryRun
            self.acceptsOtherUAI = acceptsOtherUAI
            self.now = now
        }
    }

    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    private struct RolledBack: Error {
        let report: TimetableImportReport
    }

    public func run(_ request: Request, by viewer: Viewer, at instant: String) async throws -> TimetableImportReport {
        let place = try await TimetablePlace.find(uai: request.uai, year: request.year, on: db.sql)
        guard viewer.isOperator || viewer.administers(place.establishmentID) else {
            throw TimetableImportError.forbidden("Seuls les administrateurs de l'établissement importent son emploi du temps.")
        }
        guard place.yearState != .archived else { throw TimetableImportError.archivedYear(request.year.description) }
        try check(request, against: place, by: viewer)
        let report: TimetableImportReport
        do {
            report = try await db.transaction { tx in
                let report = try await TimetableWriter(sql: tx.sql, place: place, request: request).write()
                if request.isDryRun { throw RolledBack(report: report) }
                return report
            }
        } catch let rolledBack as RolledBack {
            report = rolledBack.report
        }
        try await TimetableHistory(sql: db.sql).record(report, place: place, by: viewer.authorID, at: instant)
        return report
    }

    private func check(_ request: Request, against place: TimetablePlace, by viewer: Viewer) throws {
        let export = request.export
        if let fileUAI = export.uai, TimetableNameKey.fold(fileUAI) != TimetableNameKey.fold(place.uai),
           !(request.acceptsOtherUAI && viewer.isOperator) {
            throw TimetableImportError.otherEstablishment(file: request.fileName, fileUAI: fileUAI, named: place.uai)
        }
        // The file's year is the named year when most of it falls inside.
        let middle = CalendarDate(dayNumber: (export.calendar.startsOn.dayNumber + export.calendar.endsOn.dayNumber) / 2)
        guard export.calendar.startsOn <= export.calendar.endsOn, place.yearStartsOn <= middle, middle <= place.yearEndsOn else {
            throw TimetableImportError.outOfYear(
                file: request.fileName,
                reason: "l'année du fichier (du \(export.calendar.startsOn.french) au \(export.calendar.endsOn.french)) "
                    + "n'est pas l'année scolaire \(request.year) (du \(place.yearStartsOn.french) au \(place.yearEndsOn.french)).")
        }
    }
}

/// The establishment and year an import writes to.
struct TimetablePlace: Sendable {
    let establishmentID: Int
    let uai: String
    let yearID: Int
    let yearState: SchoolYearState
    let yearStartsOn: CalendarDate
    let yearEndsOn: CalendarDate

    static func find(uai: String, year: SchoolYearName, on sql: any SQLDatabase) async throws -> TimetablePlace {
        struct Row: Decodable { let id: Int; let uai: String }
        guard let establishment = try await sql.raw("SELECT id, uai FROM establishments WHERE uai = \(bind: uai)")
            .first(decoding: Row.self)
        else { throw TimetableImportError.unknownEstablishment(uai) }
        struct Year: Decodable { let id: Int; let state: String; let starts_on: String; let ends_on: String }
        guard let row = try await sql.raw("""
            SELECT id, state, starts_on, ends_on FROM school_years WHERE name = \(bind: year.description)
            """).first(decoding: Year.self),
              let state = SchoolYearState(rawValue: row.state)
        else { throw TimetableImportError.unknownYear(year.description) }
        return TimetablePlace(establishmentID: establishment.id, uai: establishment.uai, yearID: row.id, yearState: state,
                              yearStartsOn: try CalendarDate(iso: row.starts_on), yearEndsOn: try CalendarDate(iso: row.ends_on))
    }
}
