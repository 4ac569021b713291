import BasculeDomain
import BasculeStorage
import Vapor

/// A refusal by the access calendar, with the reopening date, in French.
struct AccessClosed: AbortError {
    let closure: AccessCalendar.Closure

    var status: HTTPResponseStatus {
        closure.access == .studentsAndParentsBlocked ? .forbidden : .serviceUnavailable
    }

    var reason: String {
        switch closure.access {
        case .closed: "L'ENT est fermé (\(closure.label)), pages publiques comprises, jusqu'au \(Self.french(closure.until))."
        case .publicOnly: "L'ENT est fermé (\(closure.label)) : seules les pages publiques sont ouvertes, jusqu'au \(Self.french(closure.until))."
        case .studentsAndParentsBlocked:
            "L'accès des élèves et des parents est fermé pour l'été (\(closure.label)) jusqu'au \(Self.french(closure.until))."
        }
    }

    /// `2020-09-01T08:05` → `1er septembre 2020 à 8 h 05`: the date and the hour written as
    /// every page writes them (`French.date`, `French.time`).
    static func french(_ instant: String) -> String {
        guard let date = try? CalendarDate(iso: String(instant.prefix(10))) else { return instant }
        guard let time = TimeOfDay(instant: instant), time.minutes > 0 else { return French.date(date) }
        return French.date(date) + " à " + French.time(time)
    }
}

extension AccessCalendar {
    /// What the login page says of the phases under way or about to start (within a week).
    func notices(at now: String) -> [String] {
        let horizon = (try? CalendarDate(iso: String(now.prefix(10))))?.adding(days: 7).iso ?? now
        return phases.filter { $0.endsAt > now && $0.startsAt <= horizon }.map { phase in
            let when = phase.startsAt <= now ? "jusqu'au \(AccessClosed.french(phase.endsAt))"
                : "du \(AccessClosed.french(phase.startsAt)) au \(AccessClosed.french(phase.endsAt))"
            return "\(phase.label) : \(phase.access.label), \(when)."
        }
    }
}
