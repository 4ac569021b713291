import BasculeDomain
import FluentKit
import SQLKit

/// The porte-documents: a person's own folders and files, kept across years and
/// establishments. Everything is the viewer's: each query is bound to their account, and the
/// rows are written through `ServiceStore` under the tables' rules (`box_folders`, `box_documents`).
public struct BoxStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let folders = ServiceSchema.byName["box_folders"]!
    static let documents = ServiceSchema.byName["box_documents"]!

    public struct Folder: Sendable, Decodable, Equatable {
        public let id: Int
        public let parent_id: Int?
        public let name: String
    }

    public struct Document: Sendable, Decodable, Equatable {
        public let id: Int
        public let folder_id: Int?
        public let name: String
        public let added_on: String
        public let byte_count: Int
        public let media_type: String
        public let sha256: String
    }

    /// A folder's content (the box's top when `folder` is nil), with the folders above it.
    public struct Listing: Sendable {
        public let folder: Folder?
        public let path: [Folder]
        public let folders: [Folder]
        public let documents: [Document]
        /// Every folder of the box, for the « déplacer vers » choices.
        public let allFolders: [Folder]
    }

    public func listing(of folderID: Int?) async throws -> Listing {
        let all = try await allFolders()
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        var path: [Folder] = []
        if let folderID {
            guard var current = byID[folderID] else { throw ServiceError.notFound(table: Self.folders.name, id: folderID) }
            path = [current]
            while let parent = current.parent_id.flatMap({ byID[$0] }), !path.contains(parent) {
                path.insert(parent, at: 0)
                current = parent
            }
        }
        return Listing(folder: folderID.flatMap { byID[$0] }, path: path, folders: all.filter { $0.parent_id == folderID },
                       documents: try await documents(in: folderID), allFolders: all)
    }

    public func allFolders() async throws -> [Folder] {
        try await db.sql.raw("""
            SELECT id, parent_id, name FROM box_folders WHERE account_id = \(bind: viewer.accountID) ORDER BY name, id
            """).all(decoding: Folder.self)
    }

    func documents(in folderID: Int?) async throws -> [Document] {
        let place: SQLQueryString = folderID.map { "d.folder_id = \(bind: $0)" } ?? "d.folder_id IS NULL"
        return try await db.sql.raw("""
            SELECT d.id, d.folder_id, d.name, d.added_on, f.byte_count, f.media_type, f.sha256
            FROM box_documents d JOIN files f ON f.id = d.file_id
            WHERE d.account_id = \(bind: viewer.accountID) AND \(place) ORDER BY d.name, d.id
            """).all(decoding: Document.self)
    }

    public func document(_ id: Int) async throws -> Document {
        guard let document = try await db.sql.raw("""
            SELECT d.id, d.folder_id, d.name, d.added_on, f.byte_count, f.media_type, f.sha256
            FROM box_documents d JOIN files f ON f.id = d.file_id
            WHERE d.account_id = \(bind: viewer.accountID) AND d.id = \(bind: id)
            """).first(decoding: Document.self) else { throw ServiceError.notFound(table: Self.documents.name, id: id) }
        return document
    }

    public func folder(_ id: Int) async throws -> Folder {
        guard let folder = try await allFolders().first(where: { $0.id == id }) else {
            throw ServiceError.notFound(table: Self.folders.name, id: id)
        }
        return folder
    }

    /// The files under a folder (the whole box when nil), each with its path inside it, for a
    /// ZIP: folders become directories.
    public func tree(under folderID: Int?) async throws -> [(path: [String], document: Document)] {
        let all = try await allFolders()
        let children = Dictionary(grouping: all, by: \.parent_id)
        var out: [(path: [String], document: Document)] = []
        var pending: [(Int?, [String])] = [(folderID, [])]
        var seen = Set<Int>()
        while let (id, path) = pending.popLast() {
            if let id { guard seen.insert(id).inserted else { continue } }
            out += try await documents(in: id).map { (path, $0) }
            pending += (children[id] ?? []).map { ($0.id, path + [$0.name]) }
        }
        return out
    }
}
