import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams the requests of one AAF file to a callback, in constant memory.
///
/// Hostile input is refused, never resolved: a DOCTYPE is allowed (every real export has one,
/// pointing at `ficAlimMENESR.dtd`) but never fetched, and any entity declaration — the way to
/// an external entity (XXE) or an expansion bomb — stops the read.
public enum AAFReader {
    public static func read(_ file: AAFFile, onRecord: (AAFRecord) throws -> Void) throws {
        guard let stream = InputStream(fileAtPath: file.path) else {
            throw AAFError(file: file.name, reason: "fichier illisible")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        if (attributes?[.size] as? NSNumber)?.intValue == 0 {
            throw AAFError(file: file.name, reason: "fichier vide")
        }
        try refuseInternalSubset(file)
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        try withoutActuallyEscaping(onRecord) { onRecord in
            let delegate = Delegate(file: file, onRecord: onRecord)
            parser.delegate = delegate
            let finished = parser.parse()
            parser.delegate = nil
            try check(finished: finished, parser: parser, delegate: delegate, file: file)
        }
    }

    private static func check(finished: Bool, parser: XMLParser, delegate: Delegate, file: AAFFile) throws {
        if let error = delegate.failure { throw error }
        guard finished else {
            let reason = "XML invalide (\(describe(parser.parserError)))"
            throw AAFError(file: file.name, line: parser.lineNumber, reason: reason)
        }
        guard delegate.sawRoot, delegate.depth == 0 else {
            throw AAFError(file: file.name, line: parser.lineNumber, reason: "fichier tronqué : la racine ficAlimMENESR n'est pas fermée")
        }
    }

    /// Entities can only be declared in a DOCTYPE's internal subset (`<!DOCTYPE x [ … ]>`).
    /// A real export has none, so its mere presence refuses the file, before any parsing.
    private static func refuseInternalSubset(_ file: AAFFile) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 64 * 1024)) ?? Data(), as: UTF8.self)
        guard let doctype = head.range(of: "<!DOCTYPE") else { return }
        let rest = head[doctype.upperBound...]
        let end = rest.firstIndex(of: ">") ?? rest.endIndex
        if let bracket = rest.firstIndex(of: "["), bracket < end {
            let line = head[..<doctype.lowerBound].filter { $0 == "\n" }.count + 1
            throw AAFError(file: file.name, line: line,
                           reason: "DOCTYPE avec déclarations internes refusé : les entités ne sont jamais développées")
        }
    }

    /// The parser's error in words. FoundationXML passes libxml2's own error numbers
    /// (`xmlParserErrors`), which are not those of `XMLParser.ErrorCode` on Linux.
    static func describe(_ error: (any Error)?) -> String {
        guard let error = error as NSError? else { return "erreur inconnue" }
        let reason = switch error.code {
        case 4: "document vide"
        case 5: "fin de document inattendue : fichier tronqué ?"
        case 9: "caractère illégal : mauvais encodage ?"
        case 26, 27: "entité non déclarée"
        case 31, 32: "encodage inconnu ou non pris en charge"
        case 76: "balises mal imbriquées"
        case 77: "balise non terminée : fichier tronqué ?"
        case 89: "boucle d'entités"
        default: "erreur d'analyse"
        }
        return "\(reason), code libxml2 \(error.code)"
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let file: AAFFile
        let onRecord: (AAFRecord) throws -> Void
        var failure: (any Error)?
        var sawRoot = false
        var depth = 0
        private var record: AAFRecord?
        private var path: [String] = []
        private var attributeName: String?
        private var text = ""
        private var operational: [String: [String]] = [:]

        init(file: AAFFile, onRecord: @escaping (AAFRecord) throws -> Void) {
            self.file = file
            self.onRecord = onRecord
        }

        private func fail(_ parser: XMLParser, _ reason: String) {
            guard failure == nil else { return }
            failure = AAFError(file: file.name, line: parser.lineNumber, reason: reason)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            let parent = path.last
            path.append(name)
            text = ""
            switch (parent, name) {
            case (nil, "ficAlimMENESR"):
                sawRoot = true
            case (nil, _):
                fail(parser, "racine « \(name) » inattendue (attendu ficAlimMENESR)")
            case ("ficAlimMENESR", _):
                guard let operation = AAFRecord.Operation(rawValue: name) else {
                    return fail(parser, "élément « \(name) » inconnu (attendu addRequest, modifyRequest ou deleteRequest)")
                }
                record = AAFRecord(operation: operation, category: "", id: "", attributes: [:], line: parser.lineNumber)
                operational = [:]
            case (_, "attr"), (_, "modification"):
                attributeName = attributes["name"]
                if attributeName == nil { fail(parser, "attribut sans nom") }
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            path.removeLast()
            guard failure == nil else { return }
            switch name {
            case "value":
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let attributeName, !value.isEmpty else { break }
                if path.contains("operationalAttributes") {
                    operational[attributeName, default: []].append(value)
                } else {
                    record?.attributes[attributeName, default: []].append(value)
                }
            case "id":
                record?.id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "addRequest", "modifyRequest", "deleteRequest":
                finishRecord(parser)
            default:
                break
            }
            text = ""
        }

        private func finishRecord(_ parser: XMLParser) {
            guard var record else { return }
            self.record = nil
            guard !record.id.isEmpty else {
                return fail(parser, "enregistrement sans identifiant (ligne \(record.line))")
            }
            guard let category = operational[file.kind.categoryAttribute]?.first else {
                return fail(parser, "enregistrement \(record.id) sans \(file.kind.categoryAttribute)")
            }
            guard category == file.kind.rawValue else {
                return fail(parser, "catégorie « \(category) » inconnue dans un fichier \(file.kind.rawValue) (enregistrement \(record.id))")
            }
            record.category = category
            do { try onRecord(record) } catch {
                failure = error
                parser.abortParsing()
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(parser, "déclaration d'entité « \(name) » refusée (les entités ne sont jamais développées)")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, "entité externe « \(name) » refusée (jamais résolue)")
        }

        func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?,
                    systemID: String?, notationName: String?) {
            fail(parser, "entité « \(name) » refusée")
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            fail(parser, "entité externe « \(name) » refusée (jamais résolue)")
            return nil
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            fail(parser, "XML invalide (\(AAFReader.describe(parseError)))")
        }
    }
}
