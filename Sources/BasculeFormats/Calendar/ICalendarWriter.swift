import Foundation

/// Events written as an iCalendar file (RFC 5545) that calendar applications import: local
/// times of France under `TZID=Europe/Paris` with the zone's definition, text values escaped
/// (`\\`, `;`, `,`, line breaks), lines folded at 75 octets, CRLF line ends.
public struct ICalendarWriter: Sendable {
    public struct Event: Sendable {
        public let uid: String
        public let title: String
        /// France's local time, `yyyy-MM-ddTHH:mm`.
        public let startsAt: String
        public let endsAt: String
        public let location: String?

        public init(uid: String, title: String, startsAt: String, endsAt: String, location: String?) {
            self.uid = uid
            self.title = title
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.location = location
        }
    }

    /// The instant the file is written, in UTC (`DTSTAMP`).
    let stamp: Date

    public init(stamp: Date) {
        self.stamp = stamp
    }

    public func header(name: String) -> String {
        lines(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bascule//Agenda//FR", "CALSCALE:GREGORIAN",
               "X-WR-CALNAME:" + Self.escaped(name), "X-WR-TIMEZONE:Europe/Paris"] + Self.paris)
    }

    public func event(_ event: Event) -> String {
        var content = ["BEGIN:VEVENT", "UID:" + Self.escaped(event.uid), "DTSTAMP:" + utcStamp,
                       "DTSTART;TZID=Europe/Paris:" + Self.local(event.startsAt),
                       "DTEND;TZID=Europe/Paris:" + Self.local(event.endsAt), "SUMMARY:" + Self.escaped(event.title)]
        if let location = event.location, !location.isEmpty { content.append("LOCATION:" + Self.escaped(location)) }
        content.append("END:VEVENT")
        return lines(content)
    }

    public let footer = "END:VCALENDAR\r\n"

    var utcStamp: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: stamp)
    }

    /// `2026-12-07T09:30` → `20261207T093000`.
    static func local(_ instant: String) -> String {
        let digits = instant.prefix(16).filter(\.isNumber)
        return String(digits.prefix(8)) + "T" + String(digits.dropFirst(8).prefix(4)) + "00"
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other
    /// control characters dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Content lines, each folded after 75 octets (never inside a UTF-8 sequence), CRLF-ended.
    func lines(_ content: [String]) -> String {
        content.map(Self.folded).joined()
    }

    static func folded(_ line: String) -> String {
        var out = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out + "\r\n"
    }

    /// Europe/Paris as RFC 5545 defines a zone: CET, and CEST from the last Sunday of March to
    /// the last Sunday of October.
    static let paris = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]
}
