import BasculeDomain

/// Whose timetable: a class, a group, a teacher, a student or a room.
public enum TimetableTarget: Sendable, Equatable {
    case schoolClass(Int)
    case group(Int)
    case teacher(Int)
    case student(Int)
    case room(Int)
}

/// One week of a timetable, as the page and the API show it.
public struct TimetableWeek: Sendable, Equatable, Codable {
    public struct Occurrence: Sendable, Equatable, Codable {
        public let courseID: Int
        public let date: CalendarDate
        public let startsAt: TimeOfDay
        public let endsAt: TimeOfDay
        public let subject: String?
        public let subjectCode: String?
        public let teachers: [String]
        public let audiences: [String]
        public let rooms: [String]
    }

    public let title: String
    public let monday: CalendarDate
    /// The school week's number (week 1 starts on the calendar's first Monday), nil outside the year.
    public let schoolWeek: Int?
    public let occurrences: [Occurrence]
    /// Holidays the file states that meet this week.
    public let holidays: [TimetableHoliday]
    /// A week of the year in which the establishment has no course at all: holidays, for EDT
    /// files, which state none.
    public let isWithoutCourses: Bool
    /// No timetable was imported for this establishment and year.
    public let hasTimetable: Bool

    public func occurrences(on date: CalendarDate) -> [Occurrence] { occurrences.filter { $0.date == date } }
}
