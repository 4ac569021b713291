import BasculeDomain
import Foundation
import Vapor

/// Where the application reads the time: the system's, or a fixed moment in tests
/// (`configure(app, …, clock:)`), so that what depends on today — the calendar's phases, the
/// change's as-of date, the bins' windows, the instants the services store — is reproducible.
public struct WallClock: Sendable {
    public let moment: @Sendable () -> Date

    public init(_ moment: @escaping @Sendable () -> Date) {
        self.moment = moment
    }

    public static let system = WallClock { Date() }

    public static func fixed(_ moment: Date) -> WallClock { WallClock { moment } }

    /// Today in France.
    public var today: CalendarDate {
        let parts = CalendarDate.france.dateComponents([.year, .month, .day], from: moment())
        return try! CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Now in France, as the services store instants: `2025-10-06T08:15:00`.
    public var now: String { CalendarDate.instant(moment()) }

    /// Now in seconds since 1970, as sessions and login throttles count their waits.
    public var epochSeconds: Int { Int(moment().timeIntervalSince1970) }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = WallClock }

    /// The application's clock (the system's unless `configure` was given another).
    public var clock: WallClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    public var clock: WallClock { application.clock }
}
