import BasculeDomain
import SQLKit

/// The guide's end-of-year trap, counted: the memberships the timetable ends before a date (in
/// mode 2, the file's end date takes students out of their classes), and what that empties.
public struct TimetableEndingMemberships: Sendable, Equatable, Codable {
    public let before: CalendarDate
    /// The earliest end among them.
    public let earliestEnd: CalendarDate?
    public let students: Int
    public let classes: Int
    public let groups: Int
    /// Logbook sessions of those classes and groups the students will no longer see.
    public let logbookSessions: Int
    /// Teachers of those classes who leave the students' mail contact lists.
    public let mailContacts: Int

    public var isEmpty: Bool { students == 0 }
}

extension TimetableStore {
    public func endingMemberships(in establishmentID: Int, before date: CalendarDate,
                                  yearID asked: Int? = nil) async throws -> TimetableEndingMemberships {
        guard viewer.isPersonnel(of: establishmentID) else {
            throw ServiceError.forbidden("Réservé aux personnels de l'établissement.")
        }
        return try await TimetableMembershipEnds(sql: sql, establishmentID: establishmentID,
                                                 yearID: try yearID(asked, in: establishmentID)).ending(before: date)
    }

    /// Keeps every membership the timetable ends before `date` until `date`, now and at every
    /// later import of the year, without a fake holiday and without touching the courses.
    /// Returns how many memberships were extended.
    public func keepMemberships(in establishmentID: Int, until date: CalendarDate) async throws -> Int {
        try checkAdministers(establishmentID)
        let yearID = try yearID(nil, in: establishmentID)
        return try await db.transaction { tx in
            let ends = TimetableMembershipEnds(sql: tx.sql, establishmentID: establishmentID, yearID: yearID)
            return try await ends.keep(until: date)
        }
    }
}

struct TimetableMembershipEnds {
    let sql: any SQLDatabase
    let establishmentID: Int
    let yearID: Int

    private var classes: SQLQueryString {
        "SELECT id FROM classes WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)"
    }

    private var groups: SQLQueryString {
        """
        SELECT id FROM groups WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID) \
        AND kind = \(GroupKind.timetable)
        """
    }

    func ending(before date: CalendarDate) async throws -> TimetableEndingMemberships {
        let day = date.iso
        let row = try await sql.raw("""
            SELECT
              (SELECT COUNT(DISTINCT account_id) FROM (
                 SELECT account_id FROM class_memberships WHERE class_id IN (\(classes)) AND ends_on < \(bind: day)
                 UNION SELECT account_id FROM group_memberships WHERE group_id IN (\(groups)) AND ends_on < \(bind: day)) s) AS students,
              (SELECT COUNT(DISTINCT class_id) FROM class_memberships WHERE class_id IN (\(classes)) AND ends_on < \(bind: day)) AS classes,
              (SELECT COUNT(DISTINCT group_id) FROM group_memberships WHERE group_id IN (\(groups)) AND ends_on < \(bind: day)) AS groups,
              (SELECT MIN(e) FROM (
                 SELECT MIN(ends_on) AS e FROM class_memberships WHERE class_id IN (\(classes)) AND ends_on < \(bind: day)
                 UNION SELECT MIN(ends_on) AS e FROM group_memberships WHERE group_id IN (\(groups)) AND ends_on < \(bind: day)) m) AS earliest,
              (SELECT COUNT(*) FROM logbook_sessions l WHERE
                 l.class_id IN (SELECT class_id FROM class_memberships WHERE class_id IN (\(classes)) AND ends_on < \(bind: day))
                 OR l.group_id IN (SELECT group_id FROM group_memberships WHERE group_id IN (\(groups)) AND ends_on < \(bind: day))) AS sessions,
              (SELECT COUNT(DISTINCT t.teacher_id) FROM teaching_assignments t WHERE
                 t.class_id IN (SELECT class_id FROM class_memberships WHERE class_id IN (\(classes)) AND ends_on < \(bind: day))
                 OR t.group_id IN (SELECT group_id FROM group_memberships WHERE group_id IN (\(groups)) AND ends_on < \(bind: day))) AS contacts
            """).first()
        func count(_ column: String) throws -> Int { try row?.decode(column: column, as: Int?.self) ?? 0 }
        return TimetableEndingMemberships(
            before: date, earliestEnd: try row?.decode(column: "earliest", as: String?.self).flatMap { try? CalendarDate(iso: $0) },
            students: try count("students"), classes: try count("classes"), groups: try count("groups"),
            logbookSessions: try count("sessions"), mailContacts: try count("contacts"))
    }

    func keep(until date: CalendarDate) async throws -> Int {
        let day = date.iso
        try await TimetableSettings.ensureRow(establishmentID: establishmentID, yearID: yearID, on: sql)
        try await sql.raw("""
            UPDATE timetable_settings SET keep_memberships_until = \(bind: day)
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).run()
        let before = try await ending(before: date)
        try await sql.raw("""
            UPDATE class_memberships SET ends_on = \(bind: day) WHERE class_id IN (\(classes)) AND ends_on < \(bind: day)
            """).run()
        try await sql.raw("""
            UPDATE group_memberships SET ends_on = \(bind: day) WHERE group_id IN (\(groups)) AND ends_on < \(bind: day)
            """).run()
        return before.students
    }
}
