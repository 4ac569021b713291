/// What a timetable import did, or would do (a dry run): per kind, how many of the file's
/// entries met the directory and what became of them, and every entry that met nothing.
public struct TimetableImportReport: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case subjects, teachers, classes, groups, rooms, students, courses, occurrences

        public var label: String {
            switch self {
            case .subjects: "Matières"
            case .teachers: "Enseignants"
            case .classes: "Classes"
            case .groups: "Groupes"
            case .rooms: "Salles"
            case .students: "Élèves"
            case .courses: "Cours"
            case .occurrences: "Séances"
            }
        }
    }

    public struct Line: Sendable, Equatable, Codable {
        public var kind: Kind
        /// Entries of the file.
        public var inFile = 0
        /// Found in the directory (people, classes, groups, subjects).
        public var matched = 0
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        /// Taken out of the future by this import (courses, occurrences, memberships).
        public var removed = 0
        public var unmatched = 0

        public init(kind: Kind) { self.kind = kind }
    }

    public struct Unmatched: Sendable, Equatable, Codable {
        public var kind: TimetableMappingKind
        /// The file's name for it, as the mapping page shows and keys it.
        public var source: String
        /// What was compared, and why nothing matched.
        public var compared: String

        public init(kind: TimetableMappingKind, source: String, compared: String) {
            self.kind = kind
            self.source = source
            self.compared = compared
        }
    }

    public var fileName: String
    public var source: TimetableSource
    public var uai: String?
    public var mode: TimetableMode
    public var isDryRun: Bool
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var lines: [Line]
    public var unmatched: [Unmatched]
    /// Sentences for the reader: no student in an STS file, memberships kept until a date…
    public var notes: [String]

    public init(fileName: String, source: TimetableSource, uai: String?, mode: TimetableMode, isDryRun: Bool,
                startsOn: CalendarDate, endsOn: CalendarDate) {
        self.fileName = fileName
        self.source = source
        self.uai = uai
        self.mode = mode
        self.isDryRun = isDryRun
        self.startsOn = startsOn
        self.endsOn = endsOn
        lines = Kind.allCases.map(Line.init)
        unmatched = []
        notes = []
    }

    public subscript(kind: Kind) -> Line {
        get { lines.first { $0.kind == kind }! }
        set { lines[lines.firstIndex { $0.kind == kind }!] = newValue }
    }

    /// Whether applying it changed (or would change) anything.
    public var changesSomething: Bool {
        lines.contains { $0.created + $0.updated + $0.removed > 0 }
    }
}

/// A moment in the establishment's time zone (Europe/Paris), as the timetable reads it: the
/// weeks of a course that started before it are history.
public struct TimetableMoment: Sendable, Equatable {
    public let date: CalendarDate
    public let time: TimeOfDay

    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    /// The weeks of `course` whose occurrence starts before this moment.
    public func pastWeeks(day: Int, startsAt: TimeOfDay, in calendar: TimetableCalendar) -> TimetableWeeks {
        let week = calendar.week(of: date)
        let thisWeeksDate = calendar.date(week: week, day: day)
        let startedThisWeek = thisWeeksDate < date || thisWeeksDate == date && startsAt < time
        return .through(startedThisWeek ? week : week - 1)
    }
}
