import Foundation
import ZIPFoundation

/// An entry a test adds to a UDT archive beyond the fixture's files.
struct UDTEntry {
    var path: String
    var data: Data
    var type: Entry.EntryType = .file
}

/// Zips the hand-written UDT fixtures of `Tests/Fixtures/timetable/udt/<folder>` at run time:
/// no real UDT archive is public, and hostile archives are easier to state as changes to a
/// good one. `rename` changes entry names, `without` drops files by name.
func udtArchive(_ folders: [String], rename: (String) -> String = { $0 }, without: Set<String> = [],
                extra: [UDTEntry] = [], name: String = "udt.zip") throws -> URL {
    var entries: [UDTEntry] = []
    for folder in folders {
        let url = timetableFixture("udt/\(folder)")
        for file in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where !without.contains(file) {
            entries.append(UDTEntry(path: rename(file), data: try Data(contentsOf: url.appendingPathComponent(file))))
        }
    }
    let target = try writeTimetable(bytes: Data(), name: name)
    try FileManager.default.removeItem(at: target)
    let archive = try Archive(url: target, accessMode: .create)
    for entry in entries + extra {
        let data = entry.data
        try archive.addEntry(with: entry.path, type: entry.type, uncompressedSize: Int64(data.count),
                             compressionMethod: entry.type == .file ? .deflate : .none) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return target
}
