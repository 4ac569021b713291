/// When the year ends for the timetable's memberships: the date the change is expected, which
/// the memberships the timetable ends are measured against (the guide's end-of-year trap).
public enum TimetableYearEnd {
    /// The start of the summer's first closure phase of the calendar, else 15 July, the guide's
    /// limit for keeping students in their classes ("au-delà du 15 juillet … déconseillé").
    public static func changeDate(of year: SchoolYearName, phases: [AccessCalendar.Phase]) -> CalendarDate {
        let summer = "\(year.startYear + 1)-06-01"
        let starts = phases.map { String($0.startsAt.prefix(10)) }.filter { $0 >= summer }.sorted()
        if let first = starts.first, let date = try? CalendarDate(iso: first) { return date }
        return try! CalendarDate(year: year.startYear + 1, month: 7, day: 15)
    }
}
