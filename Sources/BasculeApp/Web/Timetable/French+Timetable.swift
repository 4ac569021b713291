import BasculeDomain

/// The timetable's dates as French readers write them: « lundi 6 octobre 2025 », « 8 h 05 ».
extension French {
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                         "novembre", "décembre"]

    /// « lundi 6 octobre 2025 » (« 1er » for the first of the month).
    static func longDate(_ date: CalendarDate, withYear: Bool = true) -> String {
        let day = date.day == 1 ? "1er" : String(date.day)
        return "\(weekdays[date.weekday - 1]) \(day)\u{A0}\(months[date.month - 1])" + (withYear ? " \(date.year)" : "")
    }

    /// « 6 octobre 2025 ».
    static func date(_ date: CalendarDate) -> String {
        "\(date.day == 1 ? "1er" : String(date.day))\u{A0}\(months[date.month - 1]) \(date.year)"
    }

    /// « 8 h 05 », « 10 h ».
    static func time(_ time: TimeOfDay) -> String {
        let minutes = time.minutes % 60
        return "\(time.minutes / 60)\u{A0}h" + (minutes == 0 ? "" : "\u{A0}" + (minutes < 10 ? "0" : "") + String(minutes))
    }
}
