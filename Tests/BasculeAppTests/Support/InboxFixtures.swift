import BasculeApp
import Foundation
import NIOConcurrencyHelpers
import ZIPFoundation

/// A clock the test moves by hand: the drop folder's settle time passes without sleeping.
final class MovableClock: Sendable {
    private let moment = NIOLockedValueBox(ISO8601DateFormatter().date(from: "2024-09-20T06:00:00Z")!)

    var clock: WallClock { WallClock { [moment] in moment.withLockedValue { $0 } } }

    func advance(seconds: TimeInterval) {
        moment.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Exports as the académie delivers them: a fixture's files under another date, written into
/// a folder (the drop folder, or a ZIP's contents).
enum Delivered {
    /// Copies the files of fixture `name` whose kind is in `kinds` (all by default) into
    /// `folder`, renamed to the export date `day` (`20240917`).
    static func drop(_ name: String, as day: String, into folder: String, kinds: [String]? = nil) throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: aafFixture(name)) where file.hasSuffix(".xml") {
            guard kinds?.contains(where: { file.contains("_\($0)_") }) ?? true else { continue }
            let renamed = file.replacingOccurrences(of: #"_\d{8}_"#, with: "_\(day)_", options: .regularExpression)
            try FileManager.default.copyItem(atPath: (aafFixture(name) as NSString).appendingPathComponent(file),
                                             toPath: (folder as NSString).appendingPathComponent(renamed))
        }
    }

    /// A delta that deletes student `id`, dated `day`.
    static func delta(deleting id: String, as day: String, into folder: String) throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ficAlimMENESR>
            <deleteRequest><operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>\
            <identifier><id>\(id)</id></identifier></deleteRequest>
            </ficAlimMENESR>

            """
        try xml.write(toFile: (folder as NSString).appendingPathComponent("ENT_Delta_\(day)_Eleve_0000.xml"), atomically: true, encoding: .utf8)
    }

    static func newFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-inbox-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A ZIP of `entries` (path in the archive, bytes), symbolic links where `links` says.
    static func zip(_ entries: [(path: String, data: Data)], links: [(path: String, target: String)] = []) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("envoi-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for (path, target) in links {
            let data = Data(target.utf8)
            try archive.addEntry(with: path, type: .symlink, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try Data(contentsOf: url)
    }

    /// The files of fixture `name` as ZIP entries, dated `day`.
    static func entries(_ name: String, as day: String, under prefix: String = "") throws -> [(path: String, data: Data)] {
        let folder = try newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try drop(name, as: day, into: folder)
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            (prefix + $0, try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent($0))))
        }
    }
}
