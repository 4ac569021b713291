/// A timetable as the timetable software exported it, once read: the same shape whatever the
/// format (EDT/PRONOTE, UDT, STS-Web). The readers in BasculeFormats build it; the importer in
/// BasculeStorage matches it with the directory and writes it. Keys are the file's own
/// identifiers (EDT `Ident`, UDT `code`, STS `CODE`), unique per kind within one export.
public struct TimetableExport: Sendable, Equatable {
    public var source: TimetableSource
    /// The UAI the file says it is for, as written (the real EDT sample's check letter is wrong).
    public var uai: String?
    public var calendar: TimetableCalendar
    public var slots: [TimetableSlot]
    public var subjects: [TimetableExportSubject]
    public var teachers: [TimetablePerson]
    public var classes: [TimetableExportClass]
    /// Teaching groups, and the class parts (EDT `PartieDeClasse`) as groups with `classKey` set.
    public var groups: [TimetableExportGroup]
    public var rooms: [TimetableRoom]
    public var students: [TimetablePerson]
    public var courses: [TimetableCourse]
    /// False for STS-Web files, which carry no student and no membership: the report says so.
    public var hasStudentMemberships: Bool
    /// What the reader saw that the report should pass on to the administrator, in French: parts
    /// of the file it left aside, what it inferred (a UDT version), what the file lacks.
    public var notes: [String]

    public init(source: TimetableSource, uai: String?, calendar: TimetableCalendar, slots: [TimetableSlot] = [],
                subjects: [TimetableExportSubject] = [], teachers: [TimetablePerson] = [],
                classes: [TimetableExportClass] = [], groups: [TimetableExportGroup] = [], rooms: [TimetableRoom] = [],
                students: [TimetablePerson] = [], courses: [TimetableCourse] = [], hasStudentMemberships: Bool,
                notes: [String] = []) {
        self.source = source
        self.uai = uai
        self.calendar = calendar
        self.slots = slots
        self.subjects = subjects
        self.teachers = teachers
        self.classes = classes
        self.groups = groups
        self.rooms = rooms
        self.students = students
        self.courses = courses
        self.hasStudentMemberships = hasStudentMemberships
        self.notes = notes
    }
}

public enum TimetableSoftware: String, Sendable, Codable, CaseIterable {
    case edt, udt, sts

    public var label: String {
        switch self {
        case .edt: "EDT / PRONOTE"
        case .udt: "UnDeuxTemps (UDT)"
        case .sts: "STS-Web (emp_sts)"
        }
    }
}

/// Which software wrote the file, and which version, as far as the file tells.
public struct TimetableSource: Sendable, Equatable, Codable {
    public var software: TimetableSoftware
    /// What the file says, e.g. "PRONOTE 2013 - 0.5.14", "EDT 2019", "UDT v25", "EDITEUR_PRIVE".
    public var product: String?
    /// The version of the format (EDT `Version` "1.1"), or the software's version when only that is known.
    public var version: String?
    /// True when the file came encrypted (EDT envelope) and was decrypted.
    public var wasEncrypted: Bool

    public init(software: TimetableSoftware, product: String? = nil, version: String? = nil, wasEncrypted: Bool = false) {
        self.software = software
        self.product = product
        self.version = version
        self.wasEncrypted = wasEncrypted
    }

    /// "EDT / PRONOTE — PRONOTE 2013 - 0.5.14, format 1.1, chiffré".
    public var description: String {
        var parts: [String] = []
        if let product { parts.append(product) }
        if let version { parts.append("format \(version)") }
        if wasEncrypted { parts.append("export chiffré") }
        return parts.isEmpty ? software.label : "\(software.label) — \(parts.joined(separator: ", "))"
    }
}

/// The year as the timetable sees it. School week 1 is the week that starts on `firstWeekMonday`;
/// `TimetableCourse.weeks` counts from it.
public struct TimetableCalendar: Sendable, Equatable, Codable {
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var firstWeekMonday: CalendarDate
    /// Holiday periods the file states (UDT `fermeture`); EDT v1.1 states none, only weeks without courses.
    public var holidays: [TimetableHoliday]

    public init(startsOn: CalendarDate, endsOn: CalendarDate, firstWeekMonday: CalendarDate, holidays: [TimetableHoliday] = []) {
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.firstWeekMonday = firstWeekMonday
        self.holidays = holidays
    }

    /// The number of school weeks from week 1 to the week of `endsOn`.
    public var weekCount: Int { (endsOn.dayNumber - firstWeekMonday.dayNumber) / 7 + 1 }

    /// The school week of a date (1 for the week of `firstWeekMonday`), possibly ≤ 0 or beyond the year.
    public func week(of date: CalendarDate) -> Int {
        let days = date.dayNumber - firstWeekMonday.dayNumber
        return (days >= 0 ? days / 7 : (days - 6) / 7) + 1
    }

    /// The date of `day` (1 = Monday … 7 = Sunday) in school week `week`.
    public func date(week: Int, day: Int) -> CalendarDate {
        firstWeekMonday.adding(days: (week - 1) * 7 + (day - 1))
    }
}

public struct TimetableHoliday: Sendable, Equatable, Codable {
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var label: String

    public init(startsOn: CalendarDate, endsOn: CalendarDate, label: String) {
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.label = label
    }
}

/// A time of day in minutes since midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// The time of a stored instant, `2026-12-07T08:05:00` → 8:05; nil when it has none.
    public init?(instant: String) {
        let clock = instant.dropFirst(10).first == "T" ? instant.dropFirst(11).prefix(5).split(separator: ":").compactMap { Int($0) } : []
        guard clock.count == 2 else { return nil }
        self.init(hour: clock[0], minute: clock[1])
    }

    /// "08:05"; the form stored and compared in SQL.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

public struct TimetableSlot: Sendable, Equatable, Codable {
    public var number: Int
    public var startsAt: TimeOfDay
    public var endsAt: TimeOfDay

    public init(number: Int, startsAt: TimeOfDay, endsAt: TimeOfDay) {
        self.number = number
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

public struct TimetableExportSubject: Sendable, Equatable {
    public var key: String
    public var code: String
    public var label: String

    public init(key: String, code: String, label: String) {
        self.key = key
        self.code = code
        self.label = label
    }
}

public struct TimetableRoom: Sendable, Equatable {
    public var key: String
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

public struct TimetableExportClass: Sendable, Equatable {
    public var key: String
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

public struct TimetableExportGroup: Sendable, Equatable {
    public var key: String
    public var name: String
    /// Set for a class part: the class it divides.
    public var classKey: String?

    public init(key: String, name: String, classKey: String? = nil) {
        self.key = key
        self.name = name
        self.classKey = classKey
    }
}

/// A teacher or a student of the file, with the ids the software gives them.
public struct TimetablePerson: Sendable, Equatable {
    public var key: String
    public var lastName: String
    public var firstName: String
    public var birthDate: CalendarDate?
    public var ids: [TimetablePersonID]
    /// Students only: classes and groups, with the dates the file gives (mode 2 imports them).
    public var memberships: [TimetableMembership]

    public init(key: String, lastName: String, firstName: String, birthDate: CalendarDate? = nil,
                ids: [TimetablePersonID] = [], memberships: [TimetableMembership] = []) {
        self.key = key
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.ids = ids
        self.memberships = memberships
    }
}

public struct TimetablePersonID: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// PRONOTE's unique id (`IDPN`, `IdPN` in older files).
        case idpn
        /// STS-Web's individual id (EDT `IDSTS`, STS `ENSEIGNANT@ID`).
        case sts
        /// UDT's `epj`, the AAF jointure.
        case epj
        /// The national student id (EDT `NumeroNational`).
        case ine
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }
}

public struct TimetableMembership: Sendable, Equatable {
    public enum Target: Sendable, Hashable {
        case schoolClass(String)
        case group(String)
    }

    public var target: Target
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?

    public init(target: Target, startsOn: CalendarDate?, endsOn: CalendarDate?) {
        self.target = target
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// One weekly course: the same day, time, subject, teachers, audience and room on every week of
/// `weeks`. A file's course whose teachers, audience or room change from week to week becomes one
/// `TimetableCourse` per distinct combination; cancelled weeks are already removed.
public struct TimetableCourse: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday.
    public var day: Int
    public var startsAt: TimeOfDay
    public var endsAt: TimeOfDay
    public var subjectKey: String?
    public var teacherKeys: [String]
    public var classKeys: [String]
    public var groupKeys: [String]
    public var roomKeys: [String]
    public var weeks: TimetableWeeks
    /// Where the course is in the file, for error messages and the report ("Cours n° 12").
    public var origin: String

    public init(day: Int, startsAt: TimeOfDay, endsAt: TimeOfDay, subjectKey: String?, teacherKeys: [String],
                classKeys: [String], groupKeys: [String], roomKeys: [String], weeks: TimetableWeeks, origin: String) {
        self.day = day
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.subjectKey = subjectKey
        self.teacherKeys = teacherKeys
        self.classKeys = classKeys
        self.groupKeys = groupKeys
        self.roomKeys = roomKeys
        self.weeks = weeks
        self.origin = origin
    }
}

/// A set of school weeks (1…63), stored as the 64-bit mask EDT uses: bit i = school week i.
public struct TimetableWeeks: Hashable, Sendable, Codable {
    public static let maxWeek = 63
    public var mask: UInt64

    public init(mask: UInt64) { self.mask = mask & ~1 }

    public init<S: Sequence>(_ weeks: S) where S.Element == Int {
        var mask: UInt64 = 0
        for week in weeks where (1...Self.maxWeek).contains(week) { mask |= 1 << UInt64(week) }
        self.mask = mask
    }

    public func contains(_ week: Int) -> Bool {
        (1...Self.maxWeek).contains(week) && mask & (1 << UInt64(week)) != 0
    }

    public var weeks: [Int] { (1...Self.maxWeek).filter(contains) }
    public var isEmpty: Bool { mask == 0 }
    public var count: Int { mask.nonzeroBitCount }
    public var last: Int? { mask == 0 ? nil : 63 - mask.leadingZeroBitCount }

    public func union(_ other: TimetableWeeks) -> TimetableWeeks { TimetableWeeks(mask: mask | other.mask) }
    public func intersection(_ other: TimetableWeeks) -> TimetableWeeks { TimetableWeeks(mask: mask & other.mask) }
    public func subtracting(_ other: TimetableWeeks) -> TimetableWeeks { TimetableWeeks(mask: mask & ~other.mask) }

    /// Weeks `1…week`, inclusive.
    public static func through(_ week: Int) -> TimetableWeeks {
        week < 1 ? TimetableWeeks(mask: 0) : TimetableWeeks(1...min(week, maxWeek))
    }
}

extension TimetableWeeks {
    public mutating func formUnion(_ other: TimetableWeeks) { mask |= other.mask }
}

extension TimeOfDay {
    /// Reads "08:05" or "08:05:00".
    public init?(text: String) {
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }
}
