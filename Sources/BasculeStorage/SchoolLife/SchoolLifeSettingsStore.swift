import BasculeDomain
import FluentKit
import SQLKit

/// The school-life settings the guide keeps from one year to the next — absence reasons and
/// actions, punishment types and reasons, sanction reasons, the roll call's deadlines — read
/// by the personnel and written by the establishment's administrators (the tables' rules).
public struct SchoolLifeSettingsStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// The lists of labels, in the order the page shows them; `code` and `is_justified` only
    /// for the absence reasons.
    public enum List: String, Sendable, CaseIterable {
        case absenceReasons = "absence_reasons", absenceActions = "absence_actions"
        case punishmentTypes = "punishment_types", punishmentReasons = "punishment_reasons"
        case sanctionReasons = "sanction_reasons"

        var table: ServiceTable { ServiceSchema.byName[rawValue]! }
        public var hasCode: Bool { self == .absenceReasons }
    }

    public struct Entry: Sendable, Equatable, Decodable {
        public let id: Int
        public let label: String
        public let code: String?
        public let is_justified: Bool?
    }

    public struct RollCall: Sendable, Equatable, Decodable {
        public let entry_deadline_minutes: Int
        public let late_after_minutes: Int
        public let notify_parents: Bool

        public init(entry_deadline_minutes: Int, late_after_minutes: Int, notify_parents: Bool) {
            self.entry_deadline_minutes = entry_deadline_minutes
            self.late_after_minutes = late_after_minutes
            self.notify_parents = notify_parents
        }
    }

    public func entries(_ list: List, in establishmentID: Int) async throws -> [Entry] {
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(list.table, in: .establishment(id: establishmentID, yearID: nil))
        let extra: SQLQueryString = list.hasCode ? "v.code, v.is_justified" : "NULL AS code, NULL AS is_justified"
        return try await db.sql.raw("SELECT v.id, v.label, \(extra) FROM (\(visible.query)) v ORDER BY v.label, v.id")
            .all(decoding: Entry.self)
    }

    public func add(_ list: List, label: String, code: String?, isJustified: Bool, in establishmentID: Int) async throws {
        var fields: ServiceRecord = ["label": .text(try ServiceStore.required(label, field: "label"))]
        if list.hasCode {
            fields["code"] = .text(try ServiceStore.required(code ?? "", field: "code"))
            fields["is_justified"] = .bool(isJustified)
        }
        _ = try await ServiceStore(viewer: viewer, db: db).create(list.table, in: .establishment(id: establishmentID, yearID: nil), fields: fields)
    }

    /// Whether the viewer may change this list (before anything of it is read).
    public func checkWritable(_ list: List, in establishmentID: Int) throws {
        try viewer.checkWrite(list.table.write, table: list.table.name, establishmentID: establishmentID)
    }

    public func entry(_ list: List, id: Int, in establishmentID: Int) async throws -> Entry {
        guard let entry = try await entries(list, in: establishmentID).first(where: { $0.id == id }) else {
            throw ServiceError.notFound(table: list.rawValue, id: id)
        }
        return entry
    }

    /// Removes an entry; the rows that named it (an absence's reason) keep their place without it.
    public func remove(_ list: List, id: Int, in establishmentID: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(list.table, id: id, in: .establishment(id: establishmentID, yearID: nil), files: files)
    }

    public func rollCall(in establishmentID: Int) async throws -> RollCall? {
        let table = ServiceSchema.byName["roll_call_settings"]!
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(table, in: .establishment(id: establishmentID, yearID: nil))
        return try await db.sql.raw("""
            SELECT v.entry_deadline_minutes, v.late_after_minutes, v.notify_parents FROM (\(visible.query)) v
            """).first(decoding: RollCall.self)
    }

    /// The roll call's settings: minutes after a course to enter it (0: no deadline), minutes
    /// after which an arrival is a lateness, whether parents are told.
    public func setRollCall(_ settings: RollCall, in establishmentID: Int) async throws {
        let table = ServiceSchema.byName["roll_call_settings"]!
        try viewer.checkWrite(table.write, table: table.name, establishmentID: establishmentID)
        for (field, value) in [("entry_deadline_minutes", settings.entry_deadline_minutes), ("late_after_minutes", settings.late_after_minutes)]
        where !(0...1_440).contains(value) {
            throw ServiceError.invalid(field: field, reason: "attendu un nombre de minutes de 0 à 1440")
        }
        try await db.transaction { tx in
            let sql = tx.sql
            let changed = try await sql.update("roll_call_settings")
                .set("entry_deadline_minutes", to: settings.entry_deadline_minutes).set("late_after_minutes", to: settings.late_after_minutes)
                .set("notify_parents", to: settings.notify_parents).where("establishment_id", .equal, establishmentID)
                .returning("id").all().count
            if changed == 0 {
                try await sql.insert(into: "roll_call_settings")
                    .columns("establishment_id", "entry_deadline_minutes", "late_after_minutes", "notify_parents")
                    .values(SQLBind(establishmentID), SQLBind(settings.entry_deadline_minutes), SQLBind(settings.late_after_minutes),
                            SQLBind(settings.notify_parents)).run()
            }
        }
    }
}
