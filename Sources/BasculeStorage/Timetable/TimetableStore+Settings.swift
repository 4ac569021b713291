import BasculeDomain
import SQLKit

extension TimetableStore {
    public struct Overview: Sendable, Equatable, Codable {
        public let mode: TimetableMode
        public let keepMembershipsUntil: CalendarDate?
        public let calendar: TimetableCalendar?
        public let courseCount: Int
    }

    public func overview(of establishmentID: Int, yearID asked: Int? = nil) async throws -> Overview {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Vous n'avez pas de profil dans cet établissement.")
        }
        let yearID = try yearID(asked, in: establishmentID)
        let courses = try await sql.raw("""
            SELECT COUNT(*) AS n FROM timetable_courses
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        return Overview(mode: try await TimetableSettings.mode(establishmentID: establishmentID, yearID: yearID, on: sql),
                        keepMembershipsUntil: try await TimetableSettings.keepUntil(establishmentID: establishmentID,
                                                                                   yearID: yearID, on: sql),
                        calendar: try await calendar(establishmentID: establishmentID, yearID: yearID), courseCount: courses)
    }

    /// What changing the mode would remove, to show before doing it.
    public func modeChangeImpact(_ mode: TimetableMode, in establishmentID: Int) async throws -> TimetableModeImpact {
        try checkAdministers(establishmentID)
        let change = TimetableModeChange(sql: sql, establishmentID: establishmentID, yearID: try yearID(nil, in: establishmentID))
        let impact = try await change.impact(of: mode)
        return TimetableModeImpact(groups: impact.groups, memberships: impact.memberships, courseAudiences: impact.courseAudiences)
    }

    public func setMode(_ mode: TimetableMode, in establishmentID: Int) async throws {
        try checkAdministers(establishmentID)
        let yearID = try yearID(nil, in: establishmentID)
        try await db.transaction { tx in
            try await TimetableModeChange(sql: tx.sql, establishmentID: establishmentID, yearID: yearID).apply(mode)
        }
    }

    /// Every mapping the administrator made, for the mapping page.
    public func mappings(of establishmentID: Int) async throws -> [TimetableMapping] {
        try checkAdministers(establishmentID)
        struct Row: Decodable { let kind: String; let source: String; let target: String? }
        return try await sql.raw("""
            SELECT kind, source, target FROM timetable_mappings WHERE establishment_id = \(bind: establishmentID)
            ORDER BY kind, source
            """).all(decoding: Row.self).compactMap { row in
            TimetableMappingKind(rawValue: row.kind).map { TimetableMapping(kind: $0, source: row.source, target: row.target) }
        }
    }

    /// Maps a name of the file to a directory entry (a class or group code, a subject code, an
    /// account id), or to nothing (`target` nil: ignored from now on); kept for every later import.
    public func setMapping(_ mapping: TimetableMapping, in establishmentID: Int) async throws {
        try checkAdministers(establishmentID)
        guard !mapping.source.isEmpty, mapping.source.count <= 300, (mapping.target?.count ?? 0) <= 300 else {
            throw ServiceError.invalid(field: "source", reason: "1 à 300 caractères")
        }
        try await db.transaction { tx in
            try await tx.sql.raw("""
                DELETE FROM timetable_mappings WHERE establishment_id = \(bind: establishmentID)
                AND kind = \(bind: mapping.kind.rawValue) AND source = \(bind: mapping.source)
                """).run()
            try await tx.sql.insert(into: "timetable_mappings").columns("establishment_id", "kind", "source", "target")
                .values(SQLBind(establishmentID), SQLBind(mapping.kind.rawValue), SQLBind(mapping.source), SQLBind(mapping.target))
                .run()
        }
    }

    public func history(of establishmentID: Int) async throws -> [TimetableHistory.Entry] {
        try checkAdministers(establishmentID)
        return try await TimetableHistory(sql: sql).entries(establishmentID: establishmentID)
    }
}

public struct TimetableModeImpact: Sendable, Equatable, Codable {
    public let groups: Int
    public let memberships: Int
    public let courseAudiences: Int

    public init(groups: Int, memberships: Int, courseAudiences: Int) {
        self.groups = groups
        self.memberships = memberships
        self.courseAudiences = courseAudiences
    }

    public var removesSomething: Bool { groups + memberships + courseAudiences > 0 }
}

public struct TimetableMapping: Sendable, Equatable, Codable {
    public let kind: TimetableMappingKind
    public let source: String
    public let target: String?

    public init(kind: TimetableMappingKind, source: String, target: String?) {
        self.kind = kind
        self.source = source
        self.target = target
    }
}
