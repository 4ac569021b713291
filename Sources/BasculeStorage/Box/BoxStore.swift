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

    /// The viewer's files (those that meet `filter`, on the alias `d`), by name.
    private func documents(where filter: SQLQueryString? = nil) async throws -> [Document] {
        try await db.sql.raw("""
            SELECT d.id, d.folder_id, d.name, d.added_on, f.byte_count, f.media_type, f.sha256
            FROM box_documents d JOIN files f ON f.id = d.file_id
            WHERE d.account_id = \(bind: viewer.accountID)\(filter.map { " AND " + $0 } ?? "") ORDER BY d.name, d.id
            """).all(decoding: Document.self)
    }

    func documents(in folderID: Int?) async throws -> [Document] {
        try await documents(where: folderID.map { "d.folder_id = \(bind: $0)" } ?? "d.folder_id IS NULL")
    }

    public func document(_ id: Int) async throws -> Document {
        guard let document = try await documents(where: "d.id = \(bind: id)").first else {
            throw ServiceError.notFound(table: Self.documents.name, id: id)
        }
        return document
    }

    public func folder(_ id: Int) async throws -> Folder {
        guard let folder = try await db.sql.raw("""
            SELECT id, parent_id, name FROM box_folders WHERE account_id = \(bind: viewer.accountID) AND id = \(bind: id)
            """).first(decoding: Folder.self) else { throw ServiceError.notFound(table: Self.folders.name, id: id) }
        return folder
    }

    /// A folder and every folder under it, at any depth.
    public static func descendants(of id: Int, in folders: [Folder]) -> Set<Int> {
        let children = Dictionary(grouping: folders, by: \.parent_id)
        var inside: Set<Int> = [id]
        var pending = [id]
        while let current = pending.popLast() {
            for child in children[current] ?? [] where inside.insert(child.id).inserted { pending.append(child.id) }
        }
        return inside
    }

    /// The files under a folder (the whole box when nil), each with its path inside it, for a
    /// ZIP: folders become directories. Two queries, whatever the depth.
    public func tree(under folderID: Int?) async throws -> [(path: [String], document: Document)] {
        let all = try await allFolders()
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        let inside = folderID.map { Self.descendants(of: $0, in: all) }
        var paths: [Int: [String]] = [:]
        func path(of id: Int, depth: Int = 0) -> [String] {
            if id == folderID { return [] }
            if let known = paths[id] { return known }
            guard let folder = byID[id], depth <= all.count else { return [] }
            let path = (folder.parent_id.map { path(of: $0, depth: depth + 1) } ?? []) + [folder.name]
            paths[id] = path
            return path
        }
        var out: [(path: [String], document: Document)] = []
        for document in try await documents() {
            if let inside {
                guard let folder = document.folder_id, inside.contains(folder) else { continue }
            }
            out.append((document.folder_id.map { path(of: $0) } ?? [], document))
        }
        return out
    }
}
