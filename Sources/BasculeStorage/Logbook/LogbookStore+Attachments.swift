import BasculeDomain
import FluentKit
import SQLKit

extension LogbookStore {
    static let attachmentTable = ServiceSchema.byName["logbook_attachments"]!

    /// A document attached to a session.
    public struct Attachment: Sendable, Decodable, Equatable {
        public let id: Int
        public let session_id: Int
        public let name: String
        public let added_on: String
        public let sha256: String
        public let byte_count: Int
    }

    /// The documents of a session the viewer has read (`session(id:in:)`): whoever reads a
    /// session reads its documents.
    public func attachments(of session: LogbookSession) async throws -> [Attachment] {
        try await attachmentRows("a.session_id = \(bind: session.id)")
    }

    public func attachment(_ id: Int, of sessionID: Int, in establishmentID: Int) async throws -> Attachment {
        _ = try await session(id: sessionID, in: establishmentID)
        guard let found = try await attachmentRows("a.session_id = \(bind: sessionID) AND a.id = \(bind: id)").first else {
            throw ServiceError.notFound(table: Self.attachmentTable.name, id: id)
        }
        return found
    }

    private func attachmentRows(_ filter: SQLQueryString) async throws -> [Attachment] {
        try await db.sql.raw("""
            SELECT a.id, a.session_id, a.name, a.added_on, f.sha256, f.byte_count
            FROM logbook_attachments a JOIN files f ON f.id = a.file_id WHERE \(filter) ORDER BY a.name, a.id LIMIT 100
            """).all(decoding: Attachment.self)
    }

    /// Whether the viewer may attach documents to the session: its teacher (or an
    /// administrator), in a year still open — checked before an upload's body is read.
    public func checkMayAttach(to sessionID: Int, in establishmentID: Int) async throws {
        let place = ServiceStore.Place.establishment(id: establishmentID, yearID: nil)
        let store = ServiceStore(viewer: viewer, db: db)
        let session = try await store.read(Self.table, id: sessionID, in: place)
        try await store.checkYearOpen(session, in: establishmentID)
        try await store.checkWritable(Self.attachmentTable, in: .parent(table: Self.table, id: sessionID, establishmentID: establishmentID))
    }

    /// Attaches an uploaded file (already on disk) to a session.
    public func attach(_ upload: FileStore.Incoming, named name: String, to sessionID: Int, in establishmentID: Int,
                       at instant: String, files: FileStore) async throws {
        do {
            try await checkMayAttach(to: sessionID, in: establishmentID)
        } catch {
            files.discard(upload)
            throw error
        }
        _ = try await ServiceStore(viewer: viewer, db: db).create(
            Self.attachmentTable, in: .parent(table: Self.table, id: sessionID, establishmentID: establishmentID),
            fields: ["name": .text(try ServiceStore.required(name, field: "name")), "added_on": .text(String(instant.prefix(10)))],
            upload: upload, files: files)
    }

    public func deleteAttachment(_ id: Int, of sessionID: Int, in establishmentID: Int, files: FileStore) async throws {
        _ = try await attachment(id, of: sessionID, in: establishmentID)
        try await checkMayAttach(to: sessionID, in: establishmentID)
        try await ServiceStore(viewer: viewer, db: db).delete(
            Self.attachmentTable, id: id, in: .parent(table: Self.table, id: sessionID, establishmentID: establishmentID), files: files)
    }
}
