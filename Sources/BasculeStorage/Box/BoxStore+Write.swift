import BasculeDomain
import FluentKit
import SQLKit

extension BoxStore {
    /// Makes a folder at the top of the box or inside one of the viewer's folders.
    public func createFolder(named name: String, in parentID: Int?) async throws -> Int {
        let name = try ServiceStore.required(name, field: "name")
        var fields: ServiceRecord = ["name": .text(name)]
        if let parentID { fields["parent_id"] = .int(parentID) }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.folders, in: .personal, fields: fields)
        return created["id"]?.int ?? 0
    }

    /// Adds an uploaded file (`FileStore.receive`, already on disk) to a folder.
    public func add(_ upload: FileStore.Incoming, named name: String, in folderID: Int?, at instant: String,
                    files: FileStore) async throws -> Int {
        var fields: ServiceRecord = ["name": .text(try ServiceStore.required(name, field: "name")),
                                     "added_on": .text(String(instant.prefix(10)))]
        if let folderID { fields["folder_id"] = .int(folderID) }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.documents, in: .personal, fields: fields,
                                                                            upload: upload, files: files)
        return created["id"]?.int ?? 0
    }

    public func rename(folder id: Int, to name: String) async throws {
        _ = try await ServiceStore(viewer: viewer, db: db).update(
            Self.folders, id: id, in: .personal, fields: ["name": .text(try ServiceStore.required(name, field: "name"))],
            editable: ["name"])
    }

    public func rename(document id: Int, to name: String) async throws {
        _ = try await ServiceStore(viewer: viewer, db: db).update(
            Self.documents, id: id, in: .personal, fields: ["name": .text(try ServiceStore.required(name, field: "name"))],
            editable: ["name"])
    }

    /// Moves a file into one of the viewer's folders (the top of the box when nil).
    public func move(document id: Int, to folderID: Int?) async throws {
        _ = try await document(id)
        if let folderID { _ = try await folder(folderID) }
        try await db.sql.update("box_documents").set("folder_id", to: folderID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("id", .equal, id).where("account_id", .equal, viewer.accountID).run()
    }

    /// Moves a folder, with what it holds, under another of the viewer's folders — never under
    /// itself or one of its own subfolders.
    public func move(folder id: Int, to parentID: Int?) async throws {
        let all = try await allFolders()
        guard all.contains(where: { $0.id == id }) else { throw ServiceError.notFound(table: Self.folders.name, id: id) }
        if let parentID {
            guard all.contains(where: { $0.id == parentID }) else { throw ServiceError.notFound(table: Self.folders.name, id: parentID) }
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.parent_id) })
            var cursor: Int? = parentID
            var steps = 0
            while let current = cursor, steps <= all.count {
                guard current != id else {
                    throw ServiceError.invalid(field: "parent_id", reason: "un dossier ne peut aller dans lui-même ni dans l'un de ses sous-dossiers")
                }
                cursor = byID[current] ?? nil
                steps += 1
            }
        }
        try await db.sql.update("box_folders").set("parent_id", to: parentID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("id", .equal, id).where("account_id", .equal, viewer.accountID).run()
    }

    /// Deletes a folder with its subfolders and their files (the tables cascade); files no row
    /// refers to any more leave the disk.
    public func delete(folder id: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(Self.folders, id: id, in: .personal, files: files)
    }

    public func delete(document id: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(Self.documents, id: id, in: .personal, files: files)
    }

    /// What a folder holds, all levels down: for the confirmation of its deletion.
    public func size(of folderID: Int) async throws -> (folders: Int, documents: Int) {
        let tree = try await tree(under: folderID)
        let all = try await allFolders()
        var inside = Set([folderID])
        var grew = true
        while grew {
            let more = all.filter { $0.parent_id.map(inside.contains) ?? false }.map(\.id)
            grew = !Set(more).isSubset(of: inside)
            inside.formUnion(more)
        }
        return (inside.count - 1, tree.count)
    }
}
