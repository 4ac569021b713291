/// A day in the French school calendar, without time or time zone.
///
/// Stored as ISO `yyyy-MM-dd` text in both databases: the text sorts like the date,
/// compares in SQL without casts, and digests identically on SQLite and PostgreSQL.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(CalendarDateError) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (1900...9999).contains(year)
        else { throw .outOfRange(year: year, month: month, day: day) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd`.
    public init(iso text: String) throws(CalendarDateError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw .malformed(text) }
        try self.init(year: y, month: m, day: d)
    }

    /// Parses the AAF's `dd/MM/yyyy`.
    public init(french text: String) throws(CalendarDateError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { throw .malformed(text) }
        try self.init(year: y, month: m, day: d)
    }

    // Written by hand: `String(format:)` costs a tenth of a bulk load's time.
    public var iso: String {
        "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// `dd/MM/yyyy`, as French users read dates.
    public var french: String {
        "\(Self.twoDigits(day))/\(Self.twoDigits(month))/\(year)"
    }

    private static func twoDigits(_ n: Int) -> String {
        n < 10 ? "0\(n)" : String(n)
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDate: TextCodable {
    public init(text: String) throws { try self.init(iso: text) }
    public var text: String { iso }
}

public enum CalendarDateError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case outOfRange(year: Int, month: Int, day: Int)

    public var description: String {
        switch self {
        case .malformed(let text): "date illisible « \(text) »"
        case .outOfRange(let y, let m, let d): "date impossible \(y)-\(m)-\(d)"
        }
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without a calendar object.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self = try! CalendarDate(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// 1 = Monday … 7 = Sunday; day number 4 (1970-01-05) was a Monday. The double modulo keeps
    /// dates before 1970, whose day numbers are negative, right.
    public var weekday: Int { ((dayNumber - 4) % 7 + 7) % 7 + 1 }

    public var mondayOfWeek: CalendarDate { adding(days: 1 - weekday) }
}
