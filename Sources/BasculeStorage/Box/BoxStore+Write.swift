import BasculeDomain
import FluentKit
import SQLKit

extension BoxStore {
    /// Makes a folder at the top of the box or inside one of the viewer's folders.
    public func createFolder(named name: String, in parentID: Int?) async throws -> Int {
        let name = try ServiceStore.required(name, field: "name")
        let folders = try await allFolders()
        guard folders.count < Self.folderLimit else {
            throw ServiceError.invalid(field: "name", reason: "\(Self.folderLimit) dossiers au plus dans un porte-documents")
        }
        try await checkFree(name, among: folders.filter { $0.parent_id == parentID }.map(\.name), kind: "dossier")
        var fields: ServiceRecord = ["name": .text(name)]
        if let parentID { fields["parent_id"] = .int(parentID) }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.folders, in: .personal, fields: fields)
        return created["id"]?.int ?? 0
    }

    /// Adds an uploaded file (`FileStore.receive`, already on disk) to a folder.
    public func add(_ upload: FileStore.Incoming, named name: String, in folderID: Int?, at instant: String,
                    files: FileStore) async throws -> Int {
        let used = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(f.byte_count), 0) AS BIGINT) AS n FROM box_documents d JOIN files f ON f.id = d.file_id
            WHERE d.account_id = \(bind: viewer.accountID)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        guard used + upload.byteCount <= Self.byteLimit else {
            files.discard(upload)
            throw ServiceError.invalid(field: "fichiers", reason: "le porte-documents est plein (\(Self.byteLimit >> 20)\u{A0}Mo au plus)\u{A0}: supprimez des fichiers avant d'en déposer")
        }
        // A second file of the same name in a folder is kept under « nom (2).ext ».
        let taken = try await documents(in: folderID).map(\.name)
        var fields: ServiceRecord = ["name": .text(Self.free(try ServiceStore.required(name, field: "name"), among: taken)),
                                     "added_on": .text(String(instant.prefix(10)))]
        if let folderID { fields["folder_id"] = .int(folderID) }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.documents, in: .personal, fields: fields,
                                                                            upload: upload, files: files)
        return created["id"]?.int ?? 0
    }

    public func rename(folder id: Int, to name: String) async throws {
        let folder = try await folder(id)
        let name = try ServiceStore.required(name, field: "name")
        try await checkFree(name, among: try await allFolders().filter { $0.parent_id == folder.parent_id && $0.id != id }.map(\.name),
                            kind: "dossier")
        _ = try await ServiceStore(viewer: viewer, db: db).update(
            Self.folders, id: id, in: .personal, fields: ["name": .text(try ServiceStore.required(name, field: "name"))],
            editable: ["name"])
    }

    public func rename(document id: Int, to name: String) async throws {
        let document = try await document(id)
        let name = try ServiceStore.required(name, field: "name")
        try await checkFree(name, among: try await documents(in: document.folder_id).filter { $0.id != id }.map(\.name), kind: "fichier")
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
    /// itself or one of its own subfolders. Checked after the move, inside its transaction, the
    /// viewer's folders locked: two moves at once cannot make a cycle between them.
    public func move(folder id: Int, to parentID: Int?) async throws {
        let viewer = viewer
        try await db.transaction { tx in
            if tx.sql.dialect.name == "postgresql" {
                try await tx.sql.raw("SELECT id FROM box_folders WHERE account_id = \(bind: viewer.accountID) FOR UPDATE").run()
            }
            let store = BoxStore(viewer: viewer, db: tx)
            _ = try await store.folder(id)
            if let parentID { _ = try await store.folder(parentID) }
            // SQLite takes its write lock here: a concurrent move reads what this one wrote.
            try await tx.sql.update("box_folders").set("parent_id", to: parentID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
                .where("id", .equal, id).where("account_id", .equal, viewer.accountID).run()
            let byID = Dictionary(uniqueKeysWithValues: try await store.allFolders().map { ($0.id, $0.parent_id) })
            var cursor = parentID
            var steps = 0
            while let current = cursor, steps <= byID.count {
                guard current != id else {
                    throw ServiceError.invalid(field: "parent_id", reason: "un dossier ne peut aller dans lui-même ni dans l'un de ses sous-dossiers")
                }
                cursor = byID[current] ?? nil
                steps += 1
            }
        }
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
        let inside = Self.descendants(of: folderID, in: try await allFolders())
        return (inside.count - 1, try await tree(under: folderID).count)
    }

    /// Two folders of a folder, or two of its files, never share a name (whatever the case).
    func checkFree(_ name: String, among names: [String], kind: String) async throws {
        let key = Self.key(name)
        guard !names.contains(where: { Self.key($0) == key }) else {
            throw ServiceError.invalid(field: "name", reason: "un \(kind) « \(name) » existe déjà à cet endroit")
        }
    }

    /// `name`, or « name (2).ext », « name (3).ext »… when it is taken.
    static func free(_ name: String, among names: [String]) -> String {
        let taken = Set(names.map(key))
        guard taken.contains(key(name)) else { return name }
        let (stem, ext) = name.lastIndex(of: ".").map { (String(name[..<$0]), String(name[$0...])) } ?? (name, "")
        var n = 2
        while taken.contains(key("\(stem) (\(n))\(ext)")) { n += 1 }
        return "\(stem) (\(n))\(ext)"
    }

    static func key(_ name: String) -> String { name.lowercased() }

    /// What one porte-documents holds at most.
    public static let folderLimit = 500
    public static let byteLimit = 500 << 20
}
