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
        try await sql.raw("""
            SELECT f.id, f.name,
                (SELECT COUNT(*) FROM mail_deliveries d WHERE d.folder_id = f.id) AS count,
                (SELECT COUNT(*) FROM mail_deliveries d WHERE d.folder_id = f.id AND d.is_read = \(bind: false)) AS unread
            FROM mail_folders f WHERE f.account_id = \(bind: viewer.accountID) ORDER BY lower(f.name), f.id
            """).all(decoding: Folder.self)
    }

    /// One of the viewer's folders; anyone else's is not found.
    public func folder(_ id: Int) async throws -> Folder {
        guard let folder = try await folders().first(where: { $0.id == id }) else {
            throw ServiceError.notFound(table: "mail_folders", id: id)
        }
        return folder
    }

    public func createFolder(named name: String) async throws -> Folder {
        let name = try checkedName(name)
        guard try await folders().first(where: { $0.name.lowercased() == name.lowercased() }) == nil else {
            throw ServiceError.invalid(field: "nom", reason: "vous avez déjà un dossier « \(name) »")
        }
        let id = try await sql.insert(into: "mail_folders").columns("account_id", "name")
            .values(SQLBind(viewer.accountID), SQLBind(name)).returning("id").first(decodingColumn: "id", as: Int.self)!
        return Folder(id: id, name: name, count: 0, unread: 0)
    }

    public func renameFolder(_ id: Int, to name: String) async throws {
        _ = try await folder(id)
        let name = try checkedName(name)
        guard try await folders().first(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) == nil else {
            throw ServiceError.invalid(field: "nom", reason: "vous avez déjà un dossier « \(name) »")
        }
        try await sql.update("mail_folders").set("name", to: name).where("id", .equal, id).run()
    }

    /// Deletes a folder; its messages go to the archives, which the year change keeps: deleting
    /// a folder never deletes mail.
    @discardableResult
    public func deleteFolder(_ id: Int) async throws -> Int {
        let folder = try await folder(id)
        try await db.transaction { tx in
            try await tx.sql.raw("""
                UPDATE mail_deliveries SET folder_id = NULL, is_archived = \(bind: true) WHERE folder_id = \(bind: id)
                """).run()
            try await tx.sql.delete(from: "mail_folders").where("id", .equal, id).run()
        }
        return folder.count
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
        let mine: SQLQueryString = "account_id = \(bind: viewer.accountID) AND id IN (\(binds: Array(Set(deliveryIDs))))"
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM mail_deliveries WHERE \(mine)").first(decodingColumn: "n", as: Int.self) ?? 0
        try await sql.raw("UPDATE mail_deliveries SET \(set) WHERE \(mine)").run()
        return count
    }

    /// Files the whole inbox (what the year change would hide) into the folder named `name`,
    /// made if the viewer has none of that name. Returns the folder and how many messages moved.
    public func fileInbox(intoFolderNamed name: String) async throws -> (folder: Folder, moved: Int) {
        let existing = try await folders().first { $0.name.lowercased() == name.lowercased() }
        let target = if let existing { existing } else { try await createFolder(named: name) }
        let moved = try await unfiledCount()
        try await sql.raw("""
            UPDATE mail_deliveries SET folder_id = \(bind: target.id) WHERE account_id = \(bind: viewer.accountID)
            AND \(deliveries(in: .inbox, alias: ""))
            """).run()
        return (try await folder(target.id), moved)
    }

    /// Marks the viewer's copy of a message read (opening it in the pages does).
    public func markRead(message id: Int) async throws {
        try await sql.update("mail_deliveries").set("is_read", to: true).where("message_id", .equal, id)
            .where("account_id", .equal, viewer.accountID).run()
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

extension MailStore {
    /// The viewer's copy of a message, if they received it.
    public func delivery(of messageID: Int) async throws -> Int? {
        try await sql.select().column("id").from("mail_deliveries").where("message_id", .equal, messageID)
            .where("account_id", .equal, viewer.accountID).first(decodingColumn: "id", as: Int.self)
    }
}
