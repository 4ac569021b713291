import BasculeStorage
import Foundation
import Vapor
import ZIPFoundation

/// `/porte-documents/zip`: a folder (or the whole box) as a ZIP whose directories are its
/// folders. Each file is added from the store on disk; the archive, written to a temporary
/// file, is streamed and then removed.
enum BoxExport {
    static func download(req: Request) async throws -> Response {
        let (_, store) = try BoxWebRoutes.store(req)
        let folderID = req.query[Int.self, at: "dossier"]
        var name = "porte-documents"
        if let folderID { name = try await store.folder(folderID).name }
        let tree = try await store.tree(under: folderID)
        let files = req.files
        let folder = URL(fileURLWithPath: req.application.configuration.dataDirectory).appendingPathComponent("tmp")
            .appendingPathComponent("porte-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archiveURL = folder.appendingPathComponent("archive.zip")
        let entries = zip(entryNames(tree.map { (path: $0.path, name: $0.document.name) }), tree.map { files.path(of: $0.document.sha256) })
            .map { (name: $0, path: $1) }
        do {
            // Compressing is blocking file work: on the thread pool, not on the event loops.
            try await req.application.threadPool.runIfActive {
                let archive = try Archive(url: archiveURL, accessMode: .create)
                for entry in entries {
                    try archive.addEntry(with: entry.name, fileURL: URL(fileURLWithPath: entry.path), compressionMethod: .deflate)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let response = try await req.fileio.asyncStreamFile(at: archiveURL.path, mediaType: .zip) { _ in
            try? FileManager.default.removeItem(at: folder)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: ServiceAPI.disposition("attachment", name: ArchiveEntryName.make(name) + ".zip"))
        return response
    }

    /// Each file's name inside the archive, its folders as directories; two files of the same
    /// name in one folder get « (2) », « (3) »… before their extension.
    static func entryNames(_ files: [(path: [String], name: String)]) -> [String] {
        var used = Set<String>()
        return files.map { file in
            let directory = file.path.map(ArchiveEntryName.make).joined(separator: "/")
            let base = ArchiveEntryName.make(file.name)
            let (stem, ext) = base.lastIndex(of: ".").map { (String(base[..<$0]), String(base[$0...])) } ?? (base, "")
            var candidate = base
            var n = 1
            while used.contains((directory.isEmpty ? "" : directory + "/") + candidate) {
                n += 1
                candidate = "\(stem) (\(n))\(ext)"
            }
            let full = (directory.isEmpty ? "" : directory + "/") + candidate
            used.insert(full)
            return full
        }
    }
}
