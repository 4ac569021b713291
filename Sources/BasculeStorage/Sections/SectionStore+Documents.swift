import BasculeDomain
import FluentKit
import SQLKit

extension SectionStore {
    /// A document of one of a section's shared folders, as the section's page offers it.
    public struct SharedDocument: Sendable, Decodable, Equatable {
        public let id: Int
        public let folder_id: Int
        public let name: String
        public let added_on: String
        public let added_by: Int?
        public let sha256: String
        public let byte_count: Int
    }

    /// A document of the section the viewer may read (its folders' documents are read by the
    /// section's readers).
    public func document(_ id: Int, in sectionID: Int, establishmentID: Int) async throws -> SharedDocument {
        _ = try await visibleRow(sectionID, in: establishmentID)
        guard let document = try await sql.raw("""
            SELECT d.id, d.folder_id, d.name, d.added_on, d.added_by, f.sha256, f.byte_count
            FROM shared_documents d JOIN files f ON f.id = d.file_id JOIN shared_folders s ON s.id = d.folder_id
            WHERE d.id = \(bind: id) AND s.section_id = \(bind: sectionID)
            """).first(decoding: SharedDocument.self) else { throw ServiceError.notFound(table: Self.documents.name, id: id) }
        return document
    }

    /// Whether the viewer may deposit documents in this folder of the section — checked before
    /// an upload's body is read (`addDocument` checks again, inside the row's transaction).
    public func checkMayDeposit(inFolder folderID: Int, of sectionID: Int, establishmentID: Int) async throws {
        let detail = try await writable(sectionID, in: establishmentID)
        guard detail.folders.contains(where: { $0.id == folderID }) else { throw ServiceError.notFound(table: Self.folders.name, id: folderID) }
        guard detail.canContribute else {
            throw ServiceError.forbidden("Seuls les contributeurs et les gestionnaires de la rubrique y déposent des documents.")
        }
    }

    /// Adds an uploaded file (already on disk) to a shared folder of a section the viewer
    /// contributes to.
    public func addDocument(_ upload: FileStore.Incoming, named name: String, toFolder folderID: Int, in sectionID: Int,
                            establishmentID: Int, at instant: String, files: FileStore) async throws {
        do {
            try await checkMayDeposit(inFolder: folderID, of: sectionID, establishmentID: establishmentID)
        } catch {
            files.discard(upload)
            throw error
        }
        _ = try await ServiceStore(viewer: viewer, db: db).create(
            Self.documents, in: .parent(table: Self.folders, id: folderID, establishmentID: establishmentID),
            fields: ["name": .text(try ServiceStore.required(name, field: "name")), "added_on": .text(String(instant.prefix(10)))],
            upload: upload, files: files)
    }

    /// Deletes a document: its author, or an administrator.
    public func deleteDocument(_ id: Int, in sectionID: Int, establishmentID: Int, files: FileStore) async throws {
        let document = try await document(id, in: sectionID, establishmentID: establishmentID)
        _ = try await writable(sectionID, in: establishmentID)
        try await ServiceStore(viewer: viewer, db: db).delete(
            Self.documents, id: id, in: .parent(table: Self.folders, id: document.folder_id, establishmentID: establishmentID), files: files)
    }

    /// The documents of a section's folders, in one query: the folders are the section's, read
    /// under its rule, and their documents are read by whoever reads the folder (`members`).
    func documents(inFolders folders: [Int]) async throws -> [Int: [ServiceRecord]] {
        guard !folders.isEmpty else { return [:] }
        let rows = try await sql.select().columns(Self.documents.columns.map { SQLColumn($0.name) }).from(Self.documents.name)
            .where(SQLColumn("folder_id"), .in, SQLBind.group(folders)).orderBy("name").orderBy("id").limit(500 * folders.count).all()
        var out: [Int: [ServiceRecord]] = [:]
        for row in rows {
            let record = try Self.documents.record(from: row)
            if let folder = record["folder_id"]?.int { out[folder, default: []].append(record) }
        }
        return out
    }
}
