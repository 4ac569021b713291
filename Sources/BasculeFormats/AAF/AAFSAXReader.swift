import BasculeDomain
import CLibXML2
import Foundation

/// One read of one AAF file through libxml2's SAX2 push parser: the file is handed over in
/// chunks, so memory stays flat whatever its size.
///
/// The parser is given no way to reach an entity: no DTD is loaded, no network is used, no
/// entity declaration is stored (declaring one stops the read), and a reference to anything
/// but the five predefined entities stops it too.
final class AAFSAXReader {
    private let file: AAFFile
    private let onRecord: (AAFRecord) throws -> Void
    private var context: xmlParserCtxtPtr?
    private var failure: (any Error)?
    private var sawRoot = false
    private var depth = 0
    private var record: AAFRecord?
    private var operational: [String: [String]] = [:]
    /// How many `operationalAttributes` elements are open: their values are the category's.
    private var inOperational = 0
    private var attributeName: String?
    /// Text is kept only inside `value` and `id`, the two elements whose text is read.
    private var collecting = false
    private var readingID = false
    private var text: [UInt8] = []
    /// What the current record holds so far, against `AAFLimits`.
    private var recordBytes = 0
    private var valueCounts: [String: Int] = [:]

    static let chunkSize = 256 * 1024

    init(file: AAFFile, onRecord: @escaping (AAFRecord) throws -> Void) {
        self.file = file
        self.onRecord = onRecord
    }

    func parse(_ handle: FileHandle) throws {
        var bytes = AAFByteCheck(file: file.name)
        xmlInitParser()
        var handler = Self.handler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, me, nil, 0, file.name) else {
            throw AAFError(file: file.name, reason: "analyseur XML indisponible")
        }
        self.context = context
        defer {
            self.context = nil
            xmlFreeParserCtxt(context)
        }
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        var status: Int32 = 0
        while status == 0, failure == nil {
            let chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
            // The bytes are checked before libxml2 decodes them: it would read them anyway.
            if chunk.isEmpty { try bytes.finish() } else { try chunk.withUnsafeBytes { try bytes.scan($0) } }
            let last: Int32 = chunk.isEmpty ? 1 : 0
            status = chunk.withUnsafeBytes { bytes in
                xmlParseChunk(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), last)
            }
            if last == 1 { break }
        }
        if let failure { throw failure }
        if status != 0 || context.pointee.wellFormed == 0 {
            let error = xmlCtxtGetLastError(context)
            let code = Int(error?.pointee.code ?? -1)
            let line = error.map { Int($0.pointee.line) } ?? line
            throw AAFError(file: file.name, line: line, reason: "XML invalide (\(AAFReader.describe(code: code)))")
        }
        guard sawRoot, depth == 0 else {
            throw AAFError(file: file.name, line: line, reason: "fichier tronqué : la racine ficAlimMENESR n'est pas fermée")
        }
    }

    private var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    func fail(_ reason: String) {
        guard failure == nil else { return }
        failure = AAFError(file: file.name, line: line, reason: reason)
        if let context { xmlStopParser(context) }
    }

    // MARK: events

    func start(_ name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        guard failure == nil else { return }
        if collecting {
            return fail("élément « \(String(cString: name)) » dans une valeur\u{00A0}: <value> et <id> ne contiennent que du texte")
        }
        depth += 1
        collecting = false
        switch depth {
        case 1:
            guard Self.equal(name, "ficAlimMENESR") else {
                return fail("racine « \(String(cString: name)) » inattendue (attendu ficAlimMENESR)")
            }
            sawRoot = true
        case 2:
            guard let operation = AAFRecord.Operation(rawValue: String(cString: name)) else {
                return fail("élément « \(String(cString: name)) » inconnu (attendu addRequest, modifyRequest ou deleteRequest)")
            }
            record = AAFRecord(operation: operation, category: "", id: "", attributes: [:], line: line)
            operational = [:]
            recordBytes = 0
            valueCounts = [:]
            attributeName = nil
        default:
            if Self.equal(name, "value") || Self.equal(name, "id") {
                collecting = true
                readingID = Self.equal(name, "id")
                text.removeAll(keepingCapacity: true)
            } else if Self.equal(name, "attr") || Self.equal(name, "modification") {
                attributeName = Self.attribute("name", in: attributes, count: count)
                guard let attributeName else { return fail("attribut sans nom") }
                tally(bytes: attributeName.utf8.count)
            } else if Self.equal(name, "operationalAttributes") {
                inOperational += 1
            }
        }
    }

    /// The limits are checked as the text arrives, in libxml2's small pieces: a huge value
    /// is refused after its first `AAFLimits.bytesPerValue` bytes, never held whole.
    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard collecting, failure == nil else { return }
        guard text.count + count <= AAFLimits.bytesPerValue else {
            return fail("valeur de plus de \(AAFLimits.bytesPerValue) octets dans « \(currentName) »")
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        tally(bytes: count)
    }

    /// The attribute whose value is being read, or `id`, for messages.
    private var currentName: String { readingID ? "id" : attributeName ?? "?" }

    private func tally(bytes: Int) {
        recordBytes += bytes
        if recordBytes > AAFLimits.bytesPerRecord {
            fail("enregistrement de plus de \(AAFLimits.bytesPerRecord) octets (attribut « \(currentName) »)")
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        depth -= 1
        guard failure == nil else { return }
        collecting = false
        if Self.equal(name, "value") {
            guard let attributeName else { return }
            let values = valueCounts[attributeName, default: 0] + 1
            valueCounts[attributeName] = values
            guard values <= AAFLimits.valuesPerAttribute else {
                return fail("plus de \(AAFLimits.valuesPerAttribute) valeurs dans l'attribut « \(attributeName) »")
            }
            let value = Self.trimmed(text)
            guard !value.isEmpty else { return }
            if inOperational > 0 {
                operational[attributeName, default: []].append(value)
            } else {
                record?.attributes[attributeName, default: []].append(value)
            }
        } else if Self.equal(name, "id") {
            record?.id = Self.trimmed(text)
        } else if Self.equal(name, "operationalAttributes") {
            inOperational -= 1
        } else if depth == 1 {
            finishRecord()
        }
    }

    private func finishRecord() {
        guard var record else { return }
        self.record = nil
        guard !record.id.isEmpty else {
            return fail("enregistrement sans identifiant (ligne \(record.line))")
        }
        guard let category = operational[file.kind.categoryAttribute]?.first else {
            return fail("enregistrement \(record.id) sans \(file.kind.categoryAttribute)")
        }
        let accepted = AAFVocabulary.categories[file.kind] ?? []
        guard accepted.contains(category) else {
            let list = accepted.map { "« \($0) »" }.joined(separator: ", ")
            return fail("catégorie « \(category) » inconnue dans un fichier \(file.kind.rawValue) (enregistrement \(record.id)) ; "
                + "\(accepted.count > 1 ? "catégories acceptées" : "catégorie acceptée") : \(list)")
        }
        record.category = category
        do { try onRecord(record) } catch {
            failure = error
            if let context { xmlStopParser(context) }
        }
    }
}
