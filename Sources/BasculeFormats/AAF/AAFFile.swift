import BasculeDomain
import Foundation

/// The kinds of AAF files, in the order they must be imported: later kinds refer to earlier ones.
public enum AAFKind: String, Sendable, CaseIterable, Comparable, Codable {
    case establishment = "EtabEducNat"
    case subject = "MatiereEducNat"
    case mef = "MefEducNat"
    case student = "Eleve"
    case parent = "PersRelEleve"
    case personnel = "PersEducNat"

    var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: AAFKind, rhs: AAFKind) -> Bool { lhs.order < rhs.order }

    /// The operational attribute that names a record's category in this kind of file.
    public var categoryAttribute: String {
        switch self {
        case .establishment: "categorieStructure"
        case .subject: "categorieMatiere"
        case .mef: "categorieMef"
        case .student, .parent, .personnel: "categoriePersonne"
        }
    }

    public var label: String {
        switch self {
        case .establishment: "établissements"
        case .subject: "matières"
        case .mef: "MEF"
        case .student: "élèves"
        case .parent: "responsables"
        case .personnel: "personnels"
        }
    }
}

/// A file of an AAF export: `<PREFIX>_Complet_<YYYYMMDD>_<Kind>_<NNNN>.xml` (a full export)
/// or `…_Delta_…` (changes since the last one).
public struct AAFFile: Sendable, Comparable {
    public let path: String
    public let name: String
    public let isFull: Bool
    public let date: CalendarDate
    public let kind: AAFKind
    public let part: Int
    /// Bytes, to share the reading out evenly.
    public let size: Int

    /// Reads the file name; `nil` for a file that is not part of an export (the DTD, a README).
    public init?(path: String) throws(AAFError) {
        let name = (path as NSString).lastPathComponent
        guard name.hasSuffix(".xml") else { return nil }
        let fields = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        guard fields.count >= 5 else { throw AAFError(file: name, reason: "nom de fichier AAF illisible (attendu PREFIXE_Complet_AAAAMMJJ_Type_NNNN.xml)") }
        let (mode, day, kindText, partText) = (fields[fields.count - 4], fields[fields.count - 3],
                                               fields[fields.count - 2], fields[fields.count - 1])
        guard mode == "Complet" || mode == "Delta" else {
            throw AAFError(file: name, reason: "mode « \(mode) » inconnu (attendu Complet ou Delta)")
        }
        guard let kind = AAFKind(rawValue: String(kindText)) else {
            throw AAFError(file: name, reason: "type de fichier « \(kindText) » inconnu")
        }
        guard day.count == 8, let y = Int(day.prefix(4)), let m = Int(day.dropFirst(4).prefix(2)), let d = Int(day.suffix(2)),
              let date = try? CalendarDate(year: y, month: m, day: d)
        else { throw AAFError(file: name, reason: "date « \(day) » illisible dans le nom du fichier") }
        guard let part = Int(partText) else { throw AAFError(file: name, reason: "numéro de partie « \(partText) » illisible") }
        self.path = path
        self.name = name
        self.isFull = mode == "Complet"
        self.date = date
        self.kind = kind
        self.part = part
        self.size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    public static func < (lhs: AAFFile, rhs: AAFFile) -> Bool {
        (lhs.kind, lhs.part, lhs.name) < (rhs.kind, rhs.part, rhs.name)
    }

    /// The export files of a folder, in import order. A folder mixing full and delta files, or
    /// exports of several dates, is refused: it is not one export.
    public static func export(in directory: String) throws(AAFError) -> [AAFFile] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw AAFError(file: directory, reason: "dossier illisible : \(error.localizedDescription)")
        }
        var files: [AAFFile] = []
        for name in names.sorted() {
            if let file = try AAFFile(path: (directory as NSString).appendingPathComponent(name)) { files.append(file) }
        }
        guard !files.isEmpty else { throw AAFError(file: directory, reason: "aucun fichier AAF (*.xml) dans ce dossier") }
        guard Set(files.map(\.isFull)).count == 1 else {
            throw AAFError(file: directory, reason: "le dossier mêle fichiers Complet et Delta")
        }
        guard Set(files.map(\.date)).count == 1 else {
            throw AAFError(file: directory, reason: "le dossier mêle des exports de plusieurs dates")
        }
        return files.sorted()
    }
}

/// Why an export is refused: the file, the line when known, and the reason, in French.
public struct AAFError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        "\(file)\(line.map { ", ligne \($0)" } ?? "") : \(reason)"
    }
}
