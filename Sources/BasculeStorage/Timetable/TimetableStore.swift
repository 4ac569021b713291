import BasculeDomain
import FluentKit
import SQLKit

/// The timetable as people read it, and what the establishment's administrators set about it.
/// Every member reads the timetables of classes, groups and teachers (as pinned in the hall);
/// a student's own week is theirs, their parents' and the personnel's; rooms are the personnel's.
public struct TimetableStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    var sql: any SQLDatabase { db.sql }

    func checkReads(_ target: TimetableTarget, in establishmentID: Int) async throws {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        switch target {
        case .student(let id) where !viewer.isPersonnel(of: establishmentID):
            guard try await DirectoryAccess(viewer: viewer, db: db).ownStudents().contains(id) || id == viewer.accountID else {
                throw ServiceError.forbidden("L'emploi du temps d'un élève est le sien, celui de ses parents et des personnels.")
            }
        case .room where !viewer.isPersonnel(of: establishmentID):
            throw ServiceError.forbidden("L'emploi du temps des salles est réservé aux personnels.")
        default:
            return
        }
    }

    func checkAdministers(_ establishmentID: Int) throws {
        guard viewer.administers(establishmentID) else {
            throw ServiceError.forbidden("Seuls les administrateurs de l'établissement règlent son emploi du temps.")
        }
    }

    /// The year shown: the one asked for, else the viewer's year in this establishment.
    func yearID(_ asked: Int?, in establishmentID: Int) throws -> Int {
        if let asked { return asked }
        guard let year = viewer.year(in: establishmentID) ?? viewer.year else { throw ServiceError.noCurrentYear }
        return year.id
    }

    func calendar(establishmentID: Int, yearID: Int) async throws -> TimetableCalendar? {
        struct Row: Decodable { let starts_on: String; let ends_on: String; let first_week_monday: String }
        guard let row = try await sql.raw("""
            SELECT starts_on, ends_on, first_week_monday FROM timetable_calendars
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).first(decoding: Row.self) else { return nil }
        return TimetableCalendar(startsOn: try CalendarDate(iso: row.starts_on), endsOn: try CalendarDate(iso: row.ends_on),
                                 firstWeekMonday: try CalendarDate(iso: row.first_week_monday))
    }
}
