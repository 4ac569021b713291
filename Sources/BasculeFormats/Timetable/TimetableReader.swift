import BasculeDomain
import Foundation

/// The partner identity Index Education encrypts EDT/PRONOTE exports to.
public struct TimetableKeys: Sendable {
    /// The `PARTENAIRE@NOM` the school's software was told to encrypt for.
    public var partner: String
    /// The partner's RSA private key, PKCS#8 PEM text.
    public var privateKey: String

    public init(partner: String, privateKey: String) {
        self.partner = partner
        self.privateKey = privateKey
    }
}

/// One entry point for every timetable export: the format is told by the content, never by the
/// file's name, which schools rename freely.
public enum TimetableReader {
    public static func read(fileAt url: URL, displayName: String, keys: TimetableKeys?,
                            companion: URL? = nil) throws(TimetableFileError) -> TimetableExport {
        try read(fileAt: url, displayName: displayName, keys: keys, companion: companion, limits: .standard)
    }

    public static func read(fileAt url: URL, displayName: String, keys: TimetableKeys?, companion: URL? = nil,
                            limits: TimetableLimits) throws(TimetableFileError) -> TimetableExport {
        let data = try load(url, displayName: displayName, limits: limits)
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try TimetableUDTReader(fileName: displayName, limits: limits).read(zipAt: url)
        }
        let root = try TimetableXMLNode.parse(withoutBOM(data), fileName: displayName, limits: limits)
        switch root.name {
        case "ExportEmploiDuTemps":
            return try TimetableEDTReader(fileName: displayName, limits: limits).read(root)
        case "EXPORT_INDEX_EDUCATION":
            return try TimetableEnvelope(fileName: displayName, limits: limits).read(root, keys: keys)
        case "EDT_STS":
            let companionRoot = try companion.map { url throws(TimetableFileError) in
                let name = url.lastPathComponent
                return try TimetableXMLNode.parse(withoutBOM(load(url, displayName: name, limits: limits)), fileName: name, limits: limits)
            }
            return try TimetableSTSReader(fileName: displayName, limits: limits)
                .read(root, companion: companionRoot, companionName: companion?.lastPathComponent)
        case "STS_EDT":
            throw TimetableFileError(fileName: displayName, location: .element(root.name),
                reason: "c'est l'export de STS-Web vers le logiciel d'emploi du temps (sts_emp)\u{00A0}; "
                    + "déposez le fichier emp_sts, produit par le logiciel, et celui-ci en second fichier")
        default:
            throw TimetableFileError(fileName: displayName, location: .element(root.name),
                reason: "format inconnu\u{00A0}: ni export EDT/PRONOTE, ni archive UDT, ni fichier STS-Web emp_sts")
        }
    }

    static func load(_ url: URL, displayName: String, limits: TimetableLimits) throws(TimetableFileError) -> Data {
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        guard size <= limits.maxFileBytes else {
            throw TimetableFileError(fileName: displayName, reason: "le fichier dépasse \(limits.maxFileBytes) octets (limite maxFileBytes)")
        }
        do { return try Data(contentsOf: url) } catch {
            throw TimetableFileError(fileName: displayName, reason: "le fichier est illisible")
        }
    }

    /// Index Education writes a UTF-8 BOM in some exports; libxml2 would cope, but the inner XML of
    /// an envelope is checked byte for byte, so it is removed in one place.
    static func withoutBOM(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }
}

extension TimetableExport {
    /// The first entry of each key, per kind: STS-Web and UDT files may list a division or a
    /// room twice, where the importer wants each key once (EC's maps keep one too).
    func withUniqueKeys() -> TimetableExport {
        func unique<T>(_ items: [T], _ key: (T) -> String) -> [T] {
            var seen = Set<String>()
            return items.filter { seen.insert(key($0)).inserted }
        }
        var export = self
        export.subjects = unique(subjects, \.key)
        export.teachers = unique(teachers, \.key)
        export.classes = unique(classes, \.key)
        export.groups = unique(groups, \.key)
        export.rooms = unique(rooms, \.key)
        export.students = unique(students, \.key)
        return export
    }
}
