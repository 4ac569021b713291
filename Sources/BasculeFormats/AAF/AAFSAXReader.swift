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
    private var text: [UInt8] = []

    static let chunkSize = 256 * 1024

    init(file: AAFFile, onRecord: @escaping (AAFRecord) throws -> Void) {
        self.file = file
        self.onRecord = onRecord
    }

    func parse(_ handle: FileHandle) throws {
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
            throw AAFError(file: file.name, line: line, reason: "fichier tronqué : la racine ficAlimMENESR n'est pas fermée")
        }
    }

    private var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    private func fail(_ reason: String) {
        guard failure == nil else { return }
        failure = AAFError(file: file.name, line: line, reason: reason)
        if let context { xmlStopParser(context) }
    }

    // MARK: events

    private func start(_ name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        guard failure == nil else { return }
        depth += 1
        collecting = false
        switch depth {
        case 1:
            guard Self.equal(name, "ficAlimMENESR") else {
                return fail("racine « \(String(cString: name)) » inattendue (attendu ficAlimMENESR)")
            }
            sawRoot = true
        case 2:
            guard let operation = AAFRecord.Operation(rawValue: String(cString: name)) else {
                return fail("élément « \(String(cString: name)) » inconnu (attendu addRequest, modifyRequest ou deleteRequest)")
            }
            record = AAFRecord(operation: operation, category: "", id: "", attributes: [:], line: line)
            operational = [:]
        default:
            if Self.equal(name, "value") || Self.equal(name, "id") {
                collecting = true
                text.removeAll(keepingCapacity: true)
            } else if Self.equal(name, "attr") || Self.equal(name, "modification") {
                attributeName = Self.attribute("name", in: attributes, count: count)
                if attributeName == nil { fail("attribut sans nom") }
            } else if Self.equal(name, "operationalAttributes") {
                inOperational += 1
            }
        }
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard collecting else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    private func end(_ name: UnsafePointer<xmlChar>) {
        depth -= 1
        guard failure == nil else { return }
        collecting = false
        if Self.equal(name, "value") {
            let value = Self.trimmed(text)
            guard let attributeName, !value.isEmpty else { return }
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
        guard category == file.kind.rawValue else {
            return fail("catégorie « \(category) » inconnue dans un fichier \(file.kind.rawValue) (enregistrement \(record.id))")
        }
        record.category = category
        do { try onRecord(record) } catch {
            failure = error
            if let context { xmlStopParser(context) }
        }
    }
}

// MARK: libxml2 callbacks

extension AAFSAXReader {
    /// C callbacks capture nothing: each finds its reader through the parser's user data.
    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { me, name, _, _, _, _, count, _, attributes in
            guard let me, let name else { return }
            AAFSAXReader.reader(me).start(name, attributes: attributes, count: Int(count))
        }
        handler.endElementNs = { me, name, _, _ in
            guard let me, let name else { return }
            AAFSAXReader.reader(me).end(name)
        }
        handler.characters = { me, bytes, count in
            guard let me, let bytes else { return }
            AAFSAXReader.reader(me).characters(bytes, count: Int(count))
        }
        handler.cdataBlock = handler.characters
        handler.entityDecl = { me, name, _, _, _, _ in
            guard let me else { return }
            AAFSAXReader.reader(me).fail("déclaration d'entité « \(AAFSAXReader.text(name)) » refusée (les entités ne sont jamais développées)")
        }
        handler.unparsedEntityDecl = { me, name, _, _, _ in
            guard let me else { return }
            AAFSAXReader.reader(me).fail("entité « \(AAFSAXReader.text(name)) » refusée")
        }
        // Called for a reference to an undeclared entity where libxml2 only warns (a document
        // with an external DTD, never loaded here): refused all the same.
        handler.reference = { me, name in
            guard let me else { return }
            AAFSAXReader.reader(me).fail("référence à l'entité « \(AAFSAXReader.text(name)) » refusée (jamais résolue)")
        }
        // Errors are read from the context once the parse stops, not printed.
        handler.serror = { _, _ in }
        return handler
    }

    private static func reader(_ pointer: UnsafeMutableRawPointer) -> AAFSAXReader {
        Unmanaged<AAFSAXReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    private static func text(_ name: UnsafePointer<xmlChar>?) -> String {
        name.map { String(cString: $0) } ?? ""
    }

    private static func equal(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        xmlStrEqual(name, literal.utf8Start) != 0
    }

    /// An attribute's value; SAX2 passes five pointers per attribute (name, prefix, URI,
    /// value, end of value). Without entity substitution libxml2 hands an ampersand (`&amp;`
    /// or `&#38;`) over as the text `&#38;`, kept for a tree builder; no other `&` can reach
    /// the value, so that text is the ampersand.
    private static func attribute(_ wanted: StaticString, in attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                  count: Int) -> String? {
        guard let attributes else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let name = attributes[base], equal(name, wanted),
                  let value = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let text = String(decoding: UnsafeBufferPointer(start: value, count: end - value), as: UTF8.self)
            return text.contains("&") ? text.replacingOccurrences(of: "&#38;", with: "&") : text
        }
        return nil
    }

    /// The text without surrounding white space. Nearly every value starts and ends with a
    /// visible ASCII character, which is checked on the bytes, before any Unicode lookup.
    private static func trimmed(_ bytes: [UInt8]) -> String {
        guard let first = bytes.first, let last = bytes.last else { return "" }
        let string = String(decoding: bytes, as: UTF8.self)
        if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) { return string }
        return string.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
