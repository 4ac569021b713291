import BasculeDomain

extension TimetableCalendar {
    /// The days a page, the API or a logbook entry may ask for: every school year Bascule can
    /// hold, and far from the calendar's own limits (1900–9999), which a week's arithmetic
    /// (its Monday, its Sunday) would otherwise step past.
    public static let browsable = try! CalendarDate(iso: "1970-01-05")...CalendarDate(iso: "2199-12-31")

    static func checkBrowsable(_ date: CalendarDate, field: String) throws {
        guard browsable.contains(date) else {
            throw ServiceError.invalid(field: field, reason: "date \(date.iso) hors des années qu'un emploi du temps décrit "
                + "(\(browsable.lowerBound.year) à \(browsable.upperBound.year))")
        }
    }
}
