import Foundation
import ZIPFoundation

/// One `UDCal_*.xml` of a UDT archive, parsed: errors in it name the archive and this entry.
struct TimetableUDTFile {
    /// The entry's path in the archive, as the school's archive spells it.
    let entry: String
    let root: TimetableXMLNode
    let archiveName: String
    let limits: TimetableLimits

    func fail(_ node: TimetableXMLNode, _ reason: String) -> TimetableFileError {
        TimetableFileError(fileName: archiveName, location: .zipEntry(entry), reason: "\(reason) (ligne \(node.line))")
    }

    /// Every element of that name, wherever it is: UDT's root and wrapper names are not
    /// documented, and EC's reader ignores them too.
    func entities(_ name: String) throws(TimetableFileError) -> [TimetableXMLNode] {
        let nodes = root.descendants(named: name)
        guard nodes.count <= limits.maxEntries else { throw fail(root, "plus de \(limits.maxEntries) éléments \(name) (limite maxEntries)") }
        return nodes
    }
}

/// A UDT archive read in memory, entry by entry. The archive is the sender's: a name that
/// leaves it (`..`, an absolute path) or a link refuses it, and the bytes inflated are counted
/// as they come (not as the archive declares them), so a ZIP bomb stops at the limits.
struct TimetableUDTArchive {
    let archiveName: String
    let limits: TimetableLimits
    /// Lower-cased file name (UDT writes `UDCal_24.xml`, some versions `udcal_24.xml`) → entry path.
    private(set) var names: [String: String] = [:]
    private let archive: Archive
    private var inflated = 0

    /// Below a megabyte an entry cannot fill memory, whatever its ratio.
    private static let ratioFloor = 1 << 20

    init(url: URL, archiveName: String, limits: TimetableLimits) throws(TimetableFileError) {
        self.archiveName = archiveName
        self.limits = limits
        guard let archive = try? Archive(url: url, accessMode: .read) else {
            throw TimetableFileError(fileName: archiveName, reason: "ce n'est pas une archive ZIP lisible")
        }
        self.archive = archive
        let entries = Array(archive)
        guard entries.count <= limits.maxZipEntries else {
            throw TimetableFileError(fileName: archiveName,
                                     reason: "l'archive compte plus de \(limits.maxZipEntries) entrées (limite maxZipEntries)")
        }
        for entry in entries {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.contains("\\") || path.contains("\0") || parts.contains("..") || parts.first?.contains(":") == true {
                throw refusal(path, "chemin qui sort de l'archive (« .. » ou chemin absolu)\u{00A0}: archive refusée")
            }
            guard entry.type != .symlink else { throw refusal(path, "lien symbolique\u{00A0}: archive refusée") }
            guard entry.type == .file, let last = parts.last, parts.first != "__MACOSX" else { continue }
            let name = last.lowercased()
            if let other = names[name] { throw refusal(path, "même fichier que l'entrée « \(other) »\u{00A0}: archive ambiguë") }
            names[name] = path
        }
    }

    private func refusal(_ entry: String, _ reason: String) -> TimetableFileError {
        TimetableFileError(fileName: archiveName, location: .zipEntry(entry), reason: reason)
    }

    /// The entry named so (case aside), inflated and parsed; nil when the archive has none.
    mutating func file(_ name: String) throws(TimetableFileError) -> TimetableUDTFile? {
        guard let path = names[name.lowercased()] else { return nil }
        guard let entry = archive[path] else { throw refusal(path, "entrée illisible") }
        let data = try inflate(entry)
        do {
            let root = try TimetableXMLNode.parse(TimetableReader.withoutBOM(data), fileName: path, limits: limits)
            return TimetableUDTFile(entry: path, root: root, archiveName: archiveName, limits: limits)
        } catch {
            let line = if case .line(let line) = error.location, line > 0 { " (ligne \(line))" } else { "" }
            throw refusal(path, error.reason + line)
        }
    }

    private mutating func inflate(_ entry: Entry) throws(TimetableFileError) -> Data {
        let path = entry.path
        let declared = Int(clamping: entry.uncompressedSize)
        let (budget, overflow) = Int(clamping: entry.compressedSize).multipliedReportingOverflow(by: limits.maxZipRatio)
        guard declared <= Self.ratioFloor || overflow || declared <= budget else {
            throw refusal(path, "se décompresse plus de \(limits.maxZipRatio) fois (limite maxZipRatio)\u{00A0}: archive piégée (bombe ZIP)")
        }
        var data = Data()
        var bomb: String?
        let total = inflated, cap = limits.maxZipUncompressedBytes
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                // Within the declared size, the ratio checked above holds for what comes out too.
                if data.count > declared { bomb = "donne plus d'octets que l'archive n'en annonce\u{00A0}: archive piégée" }
                else if total + data.count > cap { bomb = "l'archive décompressée dépasse \(cap) octets (limite maxZipUncompressedBytes)" }
                if bomb != nil { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            throw refusal(path, bomb ?? "entrée illisible ou corrompue (\(error.localizedDescription))")
        }
        inflated += data.count
        return data
    }
}
