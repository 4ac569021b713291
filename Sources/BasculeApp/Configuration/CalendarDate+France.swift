import BasculeDomain
import Foundation

extension CalendarDate {
    /// The school calendar's time zone.
    static var france: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }

    /// A moment in France, as the services store instants.
    static func instant(_ moment: Date) -> String {
        let parts = france.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        let date = try! CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
        return date.iso + String(format: "T%02d:%02d:%02d", parts.hour!, parts.minute!, parts.second!)
    }
}
