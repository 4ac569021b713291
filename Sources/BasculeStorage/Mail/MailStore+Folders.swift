import BasculeDomain
import SQLKit

extension MailStore {
    /// A personal folder: it belongs to no school year, so what is filed there stays through
    /// every year change (the guide's "déplacer dans un dossier personnel").
    public struct Folder: Sendable, Equatable, Codable {
        public let id: Int
        public let name: String
        public let count: Int
        public let unread: Int
    }

    /// Where a selection of messages goes.
    public enum Destination: Sendable, Equatable {
        case inbox, archives
        case folder(Int)
    }

    public static let folderNameLimit = 80

    public func folders() async throws -> [Folder] {
        try await folders(where: "1 = 1")
    }

    /// One of the viewer's folders; anyone else's is not found.
    public func folder(_ id: Int) async throws -> Folder {
        guard let folder = try await folders(where: "f.id = \(bind: id)").first else {
            throw ServiceError.notFound(table: "mail_folders", id: id)
        }
        return folder
    }

    public func createFolder(named name: String) async throws -> Folder {
        let name = try checkedName(name)
        guard try await folderID(named: name) == nil else {
            throw ServiceError.invalid(field: "nom", reason: "vous avez déjà un dossier « \(name) »")
        }
        let id = try await sql.insert(into: "mail_folders").columns("account_id", "name")
            .values(SQLBind(viewer.accountID), SQLBind(name)).returning("id").first(decodingColumn: "id", as: Int.self)!
        return Folder(id: id, name: name, count: 0, unread: 0)
    }

    public func renameFolder(_ id: Int, to name: String) async throws {
        _ = try await folder(id)
        let name = try checkedName(name)
        guard try await folderID(named: name, besides: id) == nil else {
            throw ServiceError.invalid(field: "nom", reason: "vous avez déjà un dossier « \(name) »")
        }
        try await sql.update("mail_folders").set("name", to: name).where("id", .equal, id).run()
    }

    /// Deletes a folder; its messages go to the archives, which the year change keeps: deleting
    /// a folder never deletes mail. Returns how many messages it held.
    @discardableResult
    public func deleteFolder(_ id: Int) async throws -> Int {
        _ = try await folder(id)
        return try await db.transaction { tx in
            let moved = try await tx.sql.raw("""
                UPDATE mail_deliveries SET folder_id = NULL, is_archived = \(bind: true) WHERE folder_id = \(bind: id) RETURNING id
                """).all().count
            try await tx.sql.delete(from: "mail_folders").where("id", .equal, id).run()
            return moved
        }
    }

    /// Moves some of the viewer's deliveries; ids that are not theirs are left alone. Returns
    /// how many moved.
    @discardableResult
    public func move(_ deliveryIDs: [Int], to destination: Destination) async throws -> Int {
        guard !deliveryIDs.isEmpty else { return 0 }
        let set: SQLQueryString = switch destination {
        case .inbox: "folder_id = NULL, is_archived = \(bind: false)"
        case .archives: "folder_id = NULL, is_archived = \(bind: true)"
        case .folder(let id): "folder_id = \(bind: try await folder(id).id), is_archived = \(bind: false)"
        }
        return try await sql.raw("""
            UPDATE mail_deliveries SET \(set) WHERE account_id = \(bind: viewer.accountID) AND id IN (\(binds: Array(Set(deliveryIDs))))
            RETURNING id
            """).all().count
    }

    /// Files the whole inbox (what the year change would hide) into the folder named `name`,
    /// made if the viewer has none of that name. Returns the folder and how many messages moved.
    public func fileInbox(intoFolderNamed name: String) async throws -> (folder: Folder, moved: Int) {
        let id = if let existing = try await folderID(named: name) { existing } else { try await createFolder(named: name).id }
        let moved = try await sql.raw("""
            UPDATE mail_deliveries SET folder_id = \(bind: id) WHERE account_id = \(bind: viewer.accountID)
            AND \(deliveries(in: .inbox, alias: "")) RETURNING id
            """).all().count
        return (try await folder(id), moved)
    }

    /// Marks the viewer's copy of a message read (opening it in the pages does); returns that
    /// copy, nil if they only sent the message.
    @discardableResult
    public func markRead(message id: Int) async throws -> Int? {
        try await sql.raw("""
            UPDATE mail_deliveries SET is_read = \(bind: true) WHERE message_id = \(bind: id) AND account_id = \(bind: viewer.accountID)
            RETURNING id
            """).first(decodingColumn: "id", as: Int.self)
    }

    private func folders(where predicate: SQLQueryString) async throws -> [Folder] {
        try await sql.raw("""
            SELECT f.id, f.name,
                (SELECT COUNT(*) FROM mail_deliveries d WHERE d.folder_id = f.id) AS count,
                (SELECT COUNT(*) FROM mail_deliveries d WHERE d.folder_id = f.id AND d.is_read = \(bind: false)) AS unread
            FROM mail_folders f WHERE f.account_id = \(bind: viewer.accountID) AND \(predicate) ORDER BY lower(f.name), f.id
            """).all(decoding: Folder.self)
    }

    /// The viewer's folder of that name in any case (compared by Swift: SQLite lower-cases ASCII only).
    private func folderID(named name: String, besides id: Int? = nil) async throws -> Int? {
        struct Row: Decodable { let id: Int; let name: String }
        return try await sql.raw("SELECT id, name FROM mail_folders WHERE account_id = \(bind: viewer.accountID)").all(decoding: Row.self)
            .first { $0.id != id && $0.name.lowercased() == name.lowercased() }?.id
    }

    private func checkedName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ServiceError.invalid(field: "nom", reason: "donnez un nom au dossier") }
        guard trimmed.count <= Self.folderNameLimit, !trimmed.contains(where: { $0.isNewline }) else {
            throw ServiceError.invalid(field: "nom", reason: "un nom de dossier tient en \(Self.folderNameLimit) caractères sur une ligne")
        }
        return trimmed
    }
}
