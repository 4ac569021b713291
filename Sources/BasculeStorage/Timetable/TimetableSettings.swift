import BasculeDomain
import SQLKit

/// An establishment's timetable settings for a year: its mode, and the date until which mode-2
/// memberships are kept whatever the file's end date.
enum TimetableSettings {
    static func keepUntil(establishmentID: Int, yearID: Int, on sql: any SQLDatabase) async throws -> CalendarDate? {
        try await sql.raw("""
            SELECT keep_memberships_until FROM timetable_settings
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).first(decodingColumn: "keep_memberships_until", as: String?.self)?.flatMap { try? CalendarDate(iso: $0) }
    }

    /// The year's settings row, created in mode 1 when the establishment never set one.
    static func ensureRow(establishmentID: Int, yearID: Int, on sql: any SQLDatabase) async throws {
        let exists = try await sql.raw("""
            SELECT COUNT(*) AS n FROM timetable_settings
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        if exists == 0 {
            try await sql.insert(into: "timetable_settings").columns("establishment_id", "school_year_id", "mode")
                .values(SQLBind(establishmentID), SQLBind(yearID), SQLBind(TimetableMode.feed.rawValue)).run()
        }
    }

    static func mode(establishmentID: Int, yearID: Int, on sql: any SQLDatabase) async throws -> TimetableMode {
        try await sql.raw("""
            SELECT mode FROM timetable_settings
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).first(decodingColumn: "mode", as: String.self).flatMap(TimetableMode.init(rawValue:)) ?? .feed
    }
}

/// What changing an establishment's mode removes, and the change itself. Leaving modes 2 and 3
/// for mode 1 removes the timetable's groups (their members, and the courses' audiences that
/// named them): the AAF's groups take over, as in entcore's `initStructure`. Nothing else goes.
struct TimetableModeChange {
    let sql: any SQLDatabase
    let establishmentID: Int
    let yearID: Int

    struct Impact: Sendable, Equatable, Codable {
        var groups = 0
        var memberships = 0
        var courseAudiences = 0
    }

    func impact(of mode: TimetableMode) async throws -> Impact {
        guard !mode.createsGroups else { return Impact() }
        let row = try await sql.raw("""
            SELECT COUNT(*) AS groups,
                   (SELECT COUNT(*) FROM group_memberships m WHERE m.group_id IN (\(timetableGroups))) AS memberships,
                   (SELECT COUNT(*) FROM timetable_course_audiences a WHERE a.group_id IN (\(timetableGroups))) AS audiences
            FROM groups WHERE id IN (\(timetableGroups))
            """).first()
        return Impact(groups: try row?.decode(column: "groups", as: Int.self) ?? 0,
                      memberships: try row?.decode(column: "memberships", as: Int.self) ?? 0,
                      courseAudiences: try row?.decode(column: "audiences", as: Int.self) ?? 0)
    }

    private var timetableGroups: SQLQueryString {
        """
        SELECT id FROM groups WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID) \
        AND kind = \(GroupKind.timetable)
        """
    }

    func apply(_ mode: TimetableMode) async throws {
        if !mode.createsGroups {
            try await sql.raw("DELETE FROM groups WHERE id IN (\(timetableGroups))").run()
        }
        try await TimetableSettings.ensureRow(establishmentID: establishmentID, yearID: yearID, on: sql)
        try await sql.raw("""
            UPDATE timetable_settings SET mode = \(bind: mode.rawValue)
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).run()
    }
}
