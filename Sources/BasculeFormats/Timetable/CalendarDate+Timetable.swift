import BasculeDomain

/// Week arithmetic the UDT and STS-Web readers need: both give weeks (ISO numbers, week-start
/// dates) where `TimetableCourse` counts school weeks from a Monday.
extension CalendarDate {
    /// The Monday of ISO week `week` of `year`: week 1 is the one holding 4 January.
    static func monday(isoWeek week: Int, of year: Int) throws(CalendarDateError) -> CalendarDate {
        try CalendarDate(year: year, month: 1, day: 4).mondayOfWeek.adding(days: (week - 1) * 7)
    }

    /// The ISO week number: the week's Thursday says which year the week belongs to.
    var isoWeek: Int {
        let thursday = adding(days: 4 - weekday)
        let first = (try? Self.monday(isoWeek: 1, of: thursday.year)) ?? thursday
        return (thursday.dayNumber - first.dayNumber) / 7 + 1
    }

    /// Reads `dd/MM/yyyy` (UDT) or `yyyy-MM-dd`, the two forms timetable software writes.
    init(timetable text: String) throws(CalendarDateError) {
        if text.contains("/") { try self.init(french: text) } else { try self.init(iso: text) }
    }
}
