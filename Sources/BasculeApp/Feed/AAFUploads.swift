import Foundation

/// Where uploaded exports wait between their dry run and their import (or the operator's
/// confirmation of a hold): `BASCULE_DATA_DIR/aaf-envois/<UUID>/<mode>_<date>/` for the AAF,
/// `edt-envois/<UUID>/` for timetables. An upload is named by a UUID the server drew; the one a
/// form sends back is read as a UUID, never as a path.
struct AAFUploads {
    let root: URL

    init(dataDirectory: String, folder: String = "aaf-envois") {
        root = URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent(folder, isDirectory: true)
    }

    /// An upload left after its dry run (the operator went away) is removed a day later.
    static let abandonedAfter: TimeInterval = 86_400

    func create(now: Date) throws -> (id: String, folder: URL) {
        for old in (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        where ((try? old.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? now) < now.addingTimeInterval(-Self.abandonedAfter) {
            try? FileManager.default.removeItem(at: old)
        }
        let id = UUID().uuidString.lowercased()
        let folder = root.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (id, folder)
    }

    /// The folder of the upload `id`, if it is still there.
    func folder(_ id: String) -> URL? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let folder = root.appendingPathComponent(uuid.uuidString.lowercased(), isDirectory: true)
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    /// The export folder of the upload `id`, if it is still there.
    func exportFolder(_ id: String) -> URL? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let folder = root.appendingPathComponent(uuid.uuidString.lowercased(), isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.first { !$0.hasPrefix(".") && !$0.hasSuffix(".zip") }.map { folder.appendingPathComponent($0, isDirectory: true) }
    }

    func remove(_ id: String) {
        guard let uuid = UUID(uuidString: id) else { return }
        try? FileManager.default.removeItem(at: root.appendingPathComponent(uuid.uuidString.lowercased()))
    }
}
