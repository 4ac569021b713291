import BasculeFormats
import Foundation
import ZIPFoundation

/// An export sent as a ZIP of its files, unpacked into a folder of its own. The archive is the
/// sender's: its entries' names never make a path (only the last component of an AAF file's
/// name is kept, once read as one), a link or a name that leaves the archive refuses it, and
/// the bytes inflated are counted while they are (not as the archive declares them): past the
/// limits the archive is a bomb and is refused. Files that are not an export's (a DTD, a
/// README, macOS's `__MACOSX/`) are ignored and listed.
enum AAFZipUpload {
    struct Limits {
        var entries = 1_000
        var totalBytes: Int64 = 4 << 30
        /// Inflated bytes per compressed byte; AAF XML compresses 10 to 30 times.
        var ratio: Int64 = 200
    }

    /// The body of an upload: larger exports go through the drop folder.
    static let maxBytes = 256 << 20

    struct Unpacked {
        /// The export's folder: `Complet_20240916`, its files inside.
        let folder: URL
        let files: [String]
        let ignored: [String]
    }

    /// Unpacks `zip` (named `shownName` in sentences) into `parent/<mode>_<date>/`.
    static func unpack(_ zip: URL, shownName: String, into parent: URL, limits: Limits = Limits()) throws(AAFDelivery.Refusal) -> Unpacked {
        func refuse(_ reason: String) -> AAFDelivery.Refusal { AAFDelivery.Refusal(file: shownName, reason: reason) }
        guard let archive = try? Archive(url: zip, accessMode: .read) else { throw refuse("ce fichier n'est pas une archive ZIP lisible") }
        let entries = Array(archive)
        guard entries.count <= limits.entries else { throw refuse("l'archive compte plus de \(limits.entries) fichiers") }
        var files: [(entry: Entry, file: AAFFile)] = []
        var ignored: [String] = []
        for entry in entries {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.contains("\\") || path.contains("\0") || parts.contains("..") || parts.first?.contains(":") == true {
                throw refuse("le chemin « \(printable(path)) » sort du dossier de l'archive")
            }
            guard entry.type != .symlink else { throw refuse("« \(printable(path)) » est un lien symbolique") }
            guard entry.type == .file else { continue }
            let name = String(parts.last ?? "")
            if parts.first == "__MACOSX" || name.hasPrefix(".") { ignored.append(path); continue }
            do {
                guard let file = try AAFFile(path: name) else { ignored.append(path); continue }
                files.append((entry, file))
            } catch {
                throw AAFDelivery.Refusal(error)
            }
        }
        guard let first = files.first?.file else { throw refuse("l'archive ne contient aucun fichier d'export AAF (*.xml)") }
        guard Set(files.map(\.file.name)).count == files.count else { throw refuse("l'archive contient deux fois le même fichier") }
        let dates = Set(files.map(\.file.date))
        guard dates.count == 1 else {
            throw refuse("l'archive mêle des exports de plusieurs dates (\(dates.sorted().map(\.french).joined(separator: ", "))) : "
                         + "envoyez une archive par export")
        }
        guard Set(files.map(\.file.isFull)).count == 1 else { throw refuse("l'archive mêle fichiers Complet et Delta : envoyez une archive par export") }
        let folder = parent.appendingPathComponent("\(first.isFull ? "Complet" : "Delta")_\(first.date.iso.replacingOccurrences(of: "-", with: ""))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var total: Int64 = 0
            for (entry, file) in files {
                try inflate(entry, of: archive, to: folder.appendingPathComponent(file.name), total: &total, limits: limits, refuse: refuse)
            }
        } catch let refusal as AAFDelivery.Refusal {
            try? FileManager.default.removeItem(at: folder)
            throw refusal
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw refuse("l'archive est illisible (\(printable(error.localizedDescription)))")
        }
        return Unpacked(folder: folder, files: files.map(\.file.name).sorted(), ignored: ignored.map(printable))
    }

    /// Inflates one entry, counting what comes out: more than the entry declares, than the
    /// ratio allows, or than the whole archive may hold, and the inflating stops there.
    private static func inflate(_ entry: Entry, of archive: Archive, to url: URL, total: inout Int64, limits: Limits,
                                refuse: (String) -> AAFDelivery.Refusal) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let out = FileHandle(forWritingAtPath: url.path) else {
            throw refuse("le fichier « \(url.lastPathComponent) » ne peut être écrit sur le serveur")
        }
        defer { try? out.close() }
        var written: Int64 = 0
        let budget = max(Int64(entry.compressedSize) * limits.ratio, 1 << 20)
        var bomb: String?
        let counted = total
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            written += Int64(chunk.count)
            if written > Int64(entry.uncompressedSize) { bomb = "« \(url.lastPathComponent) » donne plus d'octets que l'archive n'en annonce" }
            else if written > budget { bomb = "« \(url.lastPathComponent) » se décompresse plus de \(limits.ratio) fois : archive piégée (bombe ZIP)" }
            else if counted + written > limits.totalBytes { bomb = "l'archive décompressée dépasse \(limits.totalBytes >> 20) Mio" }
            if let bomb { throw refuse(bomb) }
            try out.write(contentsOf: chunk)
        }
        total += written
    }

    /// A name from the archive as a sentence may show it: control characters out, 200 at most.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init).prefix(200))
    }
}
