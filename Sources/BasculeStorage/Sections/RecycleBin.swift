import BasculeDomain
import FluentKit
import SQLKit

/// An establishment's recycle bin ("Corbeille"): the sections in it, and their restore within
/// the window of the rule that binned them (`YearChangeRules`: a school year for class spaces).
/// Once the bin is emptied (`purged_on`), a section is gone for the establishment.
public struct RecycleBin: Sendable {
    public struct Item: Sendable, Codable, Equatable {
        public let id: Int
        public let title: String
        public let binnedOn: String
        public let restorableUntil: String
        public let restorable: Bool
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notInBin(Int)
        case windowPassed(Int, until: String)

        public var description: String {
            switch self {
            case .notInBin(let id): "la rubrique \(id) n'est pas dans la corbeille de l'établissement"
            case .windowPassed(let id, let until): "la rubrique \(id) ne se restaure plus : c'était possible jusqu'au \(until)"
            }
        }
    }

    let sql: any SQLDatabase
    let establishmentID: Int

    public init(sql: any SQLDatabase, establishmentID: Int) {
        self.sql = sql
        self.establishmentID = establishmentID
    }

    public init(db: any Database, establishmentID: Int) {
        self.init(sql: db.sql, establishmentID: establishmentID)
    }

    /// How long a binned section can be restored.
    public static var restoreDays: Int {
        for rule in YearChangeRules.all {
            if case .recycleBin(let days) = rule.action { return days }
        }
        return 0
    }

    public func items(today: CalendarDate) async throws -> [Item] {
        struct Row: Decodable { let id: Int; let title: String; let binned_on: String }
        return try await sql.raw("""
            SELECT id, title, binned_on FROM sections WHERE establishment_id = \(bind: establishmentID)
            AND binned_on IS NOT NULL AND purged_on IS NULL ORDER BY binned_on DESC, title, id
            """).all(decoding: Row.self).map { row in
            let until = Self.until(row.binned_on)
            return Item(id: row.id, title: row.title, binnedOn: row.binned_on, restorableUntil: until, restorable: until >= today.iso)
        }
    }

    /// Puts a binned section back where it was: at the root if it was there, under its parent,
    /// or under "Classes" if that parent is itself in the bin.
    public func restore(id: Int, today: CalendarDate) async throws {
        guard let item = try await items(today: today).first(where: { $0.id == id }) else { throw Failure.notInBin(id) }
        guard item.restorable else { throw Failure.windowPassed(id, until: item.restorableUntil) }
        try await sql.raw("""
            UPDATE sections SET parent_id = CASE WHEN restore_parent_id IS NULL THEN NULL ELSE COALESCE(
                (SELECT p.id FROM sections p WHERE p.id = sections.restore_parent_id AND p.binned_on IS NULL),
                (SELECT c.id FROM sections c WHERE c.establishment_id = \(bind: establishmentID) AND c.kind = \(SectionKind.classes) ORDER BY c.id LIMIT 1)) END,
                binned_on = NULL, restore_parent_id = NULL
            WHERE id = \(bind: id) AND establishment_id = \(bind: establishmentID)
            """).run()
    }

    private static func until(_ binnedOn: String) -> String {
        guard let date = try? CalendarDate(iso: String(binnedOn.prefix(10))) else { return binnedOn }
        return date.adding(days: restoreDays).iso
    }
}
