import BasculeDomain
import SQLKit

extension MailStore {
    /// Someone the viewer may write to, with what they are in the establishment.
    public struct Contact: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let kinds: [ProfileKind]

        public init(id: Int, name: String, kinds: [ProfileKind]) {
            self.id = id
            self.name = name
            self.kinds = kinds
        }
    }

    /// A class or a group the viewer may write to as a whole.
    public struct Audience: Sendable, Equatable {
        public enum Kind: String, Sendable { case schoolClass = "classe", group = "groupe" }
        public let kind: Kind
        public let id: Int
        public let name: String
    }

    /// The people the viewer may write to (the compose page offers them, `send` accepts no one else):
    /// - personnel write to everyone of the establishments where they work, this year;
    /// - a student, and a parent for their children, write to the teachers of their classes and
    ///   groups and to the establishment's other personnel (not to other students or parents);
    /// - anyone answers whoever has written to them.
    func contactIDs() -> SQLQueryString {
        let years = viewer.yearIDs.isEmpty ? [0] : viewer.yearIDs
        let working = viewer.memberships.filter { $0.kind.isPersonnel }.map(\.establishmentID)
        let family = viewer.memberships.filter { !$0.kind.isPersonnel }.map(\.establishmentID)
        var parts: [SQLQueryString] = ["""
            SELECT m.sender_id AS account_id FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id
            WHERE d.account_id = \(bind: viewer.accountID) AND m.sender_id IS NOT NULL
            """]
        if !working.isEmpty {
            parts.append("""
                SELECT account_id FROM profiles WHERE establishment_id IN (\(binds: working)) AND school_year_id IN (\(binds: years))
                """)
        }
        if !family.isEmpty {
            let students = viewer.isParent
                ? "SELECT student_id FROM parent_links WHERE parent_id = \(bind: viewer.accountID) AND school_year_id IN (\(binds: years))"
                : SQLQueryString("SELECT \(bind: viewer.accountID)")
            parts.append("""
                SELECT account_id FROM profiles WHERE establishment_id IN (\(binds: family)) AND school_year_id IN (\(binds: years))
                AND kind IN (\(list: [ProfileKind.staff, .entAdmin, .head]))
                """)
            parts.append("""
                SELECT t.teacher_id AS account_id FROM teaching_assignments t WHERE t.class_id IN (
                    SELECT cm.class_id FROM class_memberships cm JOIN classes c ON c.id = cm.class_id
                    WHERE cm.account_id IN (\(students)) AND c.school_year_id IN (\(binds: years)))
                OR t.group_id IN (
                    SELECT gm.group_id FROM group_memberships gm JOIN groups g ON g.id = gm.group_id
                    WHERE gm.account_id IN (\(students)) AND g.school_year_id IN (\(binds: years)))
                """)
            parts.append("""
                SELECT h.teacher_id AS account_id FROM head_teachers h JOIN class_memberships cm ON cm.class_id = h.class_id
                JOIN classes c ON c.id = h.class_id WHERE cm.account_id IN (\(students)) AND c.school_year_id IN (\(binds: years))
                """)
        }
        var union: SQLQueryString = ""
        for (index, part) in parts.enumerated() {
            union = index == 0 ? part : "\(union) UNION \(part)"
        }
        return union
    }

    /// Those of `ids` the viewer may write to.
    public func reachable(_ ids: [Int]) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        return Set(try await sql.raw("SELECT a.id FROM accounts a WHERE a.id IN (\(binds: ids)) AND a.id IN (\(contactIDs()))")
            .all(decodingColumn: "id", as: Int.self))
    }

    /// The viewer's contacts whose name contains `search` (all of them, up to `limit`, without),
    /// by name.
    public func contacts(matching search: String?, limit: Int = 50) async throws -> [Contact] {
        let pattern = Self.likePattern(search) ?? "%"
        let rows = try await sql.raw("""
            SELECT a.id, a.first_name, a.last_name FROM accounts a
            WHERE a.id IN (\(contactIDs())) AND a.id <> \(bind: viewer.accountID) AND a.state = \(AccountState.active)
            AND lower(a.first_name || ' ' || a.last_name) LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY a.last_name, a.first_name, a.id LIMIT \(bind: limit)
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let kinds = try await self.kinds(of: ids)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return Contact(id: id, name: "\(try row.decode(column: "first_name", as: String.self)) \(try row.decode(column: "last_name", as: String.self))",
                           kinds: kinds[id] ?? [])
        }
    }

    /// The classes and groups of this year the viewer may write to: every one of the
    /// establishments where they work; a student's own.
    public func audiences() async throws -> [Audience] {
        let years = viewer.yearIDs.isEmpty ? [0] : viewer.yearIDs
        let working = viewer.memberships.filter { $0.kind.isPersonnel }.map(\.establishmentID)
        var classes: SQLQueryString = "SELECT c.id, c.code AS name FROM classes c WHERE c.school_year_id IN (\(binds: years)) AND (1 = 0"
        var groups: SQLQueryString = "SELECT g.id, g.name FROM groups g WHERE g.school_year_id IN (\(binds: years)) AND (1 = 0"
        if !working.isEmpty {
            classes = "\(classes) OR c.establishment_id IN (\(binds: working))"
            groups = "\(groups) OR g.establishment_id IN (\(binds: working))"
        }
        if viewer.isStudent {
            classes = "\(classes) OR c.id IN (SELECT class_id FROM class_memberships WHERE account_id = \(bind: viewer.accountID))"
            groups = "\(groups) OR g.id IN (SELECT group_id FROM group_memberships WHERE account_id = \(bind: viewer.accountID))"
        }
        struct Row: Decodable { let id: Int; let name: String }
        let classRows = try await sql.raw("\(classes)) ORDER BY c.code, c.id").all(decoding: Row.self)
        let groupRows = try await sql.raw("\(groups)) ORDER BY g.name, g.id").all(decoding: Row.self)
        return classRows.map { Audience(kind: .schoolClass, id: $0.id, name: $0.name) }
            + groupRows.map { Audience(kind: .group, id: $0.id, name: $0.name) }
    }

    /// Names of accounts, for the pages (a message's sender and recipients).
    public func names(of ids: [Int]) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { let id: Int; let first_name: String; let last_name: String }
        let rows = try await sql.raw("SELECT id, first_name, last_name FROM accounts WHERE id IN (\(binds: ids))").all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, "\($0.first_name) \($0.last_name)") })
    }

    private func kinds(of ids: [Int]) async throws -> [Int: [ProfileKind]] {
        guard !ids.isEmpty else { return [:] }
        let years = viewer.yearIDs.isEmpty ? [0] : viewer.yearIDs
        struct Row: Decodable { let account_id: Int; let kind: String }
        let rows = try await sql.raw("""
            SELECT DISTINCT account_id, kind FROM profiles WHERE account_id IN (\(binds: ids)) AND school_year_id IN (\(binds: years))
            AND establishment_id IN (\(binds: viewer.establishments.map(\.id) + [0]))
            """).all(decoding: Row.self)
        var kinds: [Int: [ProfileKind]] = [:]
        for row in rows { if let kind = ProfileKind(rawValue: row.kind) { kinds[row.account_id, default: []].append(kind) } }
        return kinds.mapValues { $0.sorted { ProfileKind.allCases.firstIndex(of: $0)! < ProfileKind.allCases.firstIndex(of: $1)! } }
    }
}
