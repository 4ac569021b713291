import BasculeDomain
import FluentKit
import SQLKit

/// The agenda: a person's own events (`calendar_events`), kept across years. Instants are
/// France's local time, `yyyy-MM-ddTHH:mm:ss`, as every instant Bascule stores.
public struct AgendaStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let events = ServiceSchema.byName["calendar_events"]!

    /// The years an agenda shows: wide enough for any school's, narrow enough that a week or a
    /// month around one is always a date.
    public static let years = 2000...2100

    public struct Event: Sendable, Decodable, Equatable {
        public let id: Int
        public let title: String
        public let starts_at: String
        public let ends_at: String
        public let location: String?
    }

    /// What a form gives: checked, trimmed, the end not before the start.
    public struct Draft: Sendable {
        public var title: String
        public var startsAt: String
        public var endsAt: String
        public var location: String

        public init(title: String, startsAt: String, endsAt: String, location: String) {
            self.title = title
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.location = location
        }

        func fields() throws -> ServiceRecord {
            let title = try ServiceStore.required(title, field: "title")
            guard let start = Self.instant(startsAt) else { throw ServiceError.invalid(field: "starts_at", reason: "date et heure attendues") }
            guard let end = Self.instant(endsAt) else { throw ServiceError.invalid(field: "ends_at", reason: "date et heure attendues") }
            guard end >= start else { throw ServiceError.invalid(field: "ends_at", reason: "elle précède le début") }
            let location = location.trimmingCharacters(in: .whitespacesAndNewlines)
            return ["title": .text(title), "starts_at": .text(start), "ends_at": .text(end),
                    "location": location.isEmpty ? .null : .text(location)]
        }

        /// `2026-12-07T09:30:00` from `2026-12-07T09:30` (seconds set to zero), or nil for
        /// anything else, or a day outside the years the agenda shows.
        static func instant(_ text: String) -> String? {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard text.count >= 16, let day = try? CalendarDate(iso: String(text.prefix(10))), AgendaStore.years.contains(day.year) else { return nil }
            guard TimeOfDay(instant: text) != nil else { return nil }
            return String(text.prefix(16)) + ":00"
        }
    }

    /// The events that overlap the days `from`…`through`, by start.
    public func events(from: CalendarDate, through: CalendarDate) async throws -> [Event] {
        try await db.sql.raw("""
            SELECT id, title, starts_at, ends_at, location FROM calendar_events
            WHERE account_id = \(bind: viewer.accountID) AND starts_at < \(bind: through.adding(days: 1).iso)
            AND ends_at >= \(bind: from.iso) ORDER BY starts_at, id
            """).all(decoding: Event.self)
    }

    /// Every event, for the iCalendar export, a page at a time.
    public func events(after: Int, limit: Int) async throws -> [Event] {
        try await db.sql.raw("""
            SELECT id, title, starts_at, ends_at, location FROM calendar_events
            WHERE account_id = \(bind: viewer.accountID) AND id > \(bind: after) ORDER BY id LIMIT \(bind: limit)
            """).all(decoding: Event.self)
    }

    public func event(_ id: Int) async throws -> Event {
        guard let event = try await db.sql.raw("""
            SELECT id, title, starts_at, ends_at, location FROM calendar_events
            WHERE account_id = \(bind: viewer.accountID) AND id = \(bind: id)
            """).first(decoding: Event.self) else { throw ServiceError.notFound(table: Self.events.name, id: id) }
        return event
    }

    public func create(_ draft: Draft) async throws -> Int {
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.events, in: .personal, fields: try draft.fields())
        return created["id"]?.int ?? 0
    }

    public func update(_ id: Int, to draft: Draft) async throws {
        _ = try await ServiceStore(viewer: viewer, db: db).update(Self.events, id: id, in: .personal, fields: try draft.fields(),
                                                                  editable: ["title", "starts_at", "ends_at", "location"])
    }

    public func delete(_ id: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(Self.events, id: id, in: .personal, files: files)
    }
}
