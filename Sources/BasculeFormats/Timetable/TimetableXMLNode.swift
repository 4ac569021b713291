import CLibXML2
import Foundation

/// A small tree copied out of libxml2: timetable exports are a few megabytes at most (capped by
/// `TimetableLimits.maxFileBytes`), and the EDT format needs cross references (places, groups)
/// that are simpler to follow in a tree than in a stream.
struct TimetableXMLNode {
    var name: String
    /// Keys lower-cased: the 2012-13 EDT sample writes `IdPN` where the schema says `IDPN`.
    var attributes: [String: String]
    var children: [TimetableXMLNode]
    var text: String
    var line: Int

    func attribute(_ name: String) -> String? {
        attributes[name.lowercased()].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func children(named name: String) -> [TimetableXMLNode] { children.filter { $0.name == name } }
    func child(named name: String) -> TimetableXMLNode? { children.first { $0.name == name } }

    /// The trimmed text at the end of a path of children, nil when absent or empty: STS-Web puts
    /// its values in elements and indents them (`<NOM_USAGE>\n   DOE\n</NOM_USAGE>`).
    func text(at path: String...) -> String? {
        var current: TimetableXMLNode? = self
        for name in path { current = current?.child(named: name) }
        let value = current?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }

    /// Every element of that name below this one, in document order: STS-Web software does not
    /// agree on where `GROUPES` sits (under `STRUCTURE` or inside `DIVISIONS`).
    func descendants(named name: String) -> [TimetableXMLNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(named: name) }
    }
}

extension TimetableXMLNode {
    /// Parses without DTD, entity substitution or network. A DOCTYPE or an entity declaration is
    /// refused before libxml2 sees the bytes: no timetable software writes one, and it is the door
    /// to entity expansion and external reads.
    static func parse(_ data: Data, fileName: String, limits: TimetableLimits) throws(TimetableFileError) -> TimetableXMLNode {
        guard !data.isEmpty, data.contains(where: { !(Character(UnicodeScalar($0)).isWhitespace) }) else {
            throw TimetableFileError(fileName: fileName, reason: "le fichier est vide")
        }
        guard data.count <= limits.maxFileBytes else {
            throw TimetableFileError(fileName: fileName, reason: "le fichier dépasse \(limits.maxFileBytes) octets (limite maxFileBytes)")
        }
        try refuseDeclarations(in: data, fileName: fileName)
        guard let context = xmlNewParserCtxt() else {
            throw TimetableFileError(fileName: fileName, reason: "analyseur XML indisponible")
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                              fileName, nil, options)
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            let error = xmlCtxtGetLastError(context)
            let line = error.map { Int($0.pointee.line) } ?? 0
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "erreur inconnue"
            let reason = message.lowercased().contains("encoding") || message.lowercased().contains("utf-8")
                ? "encodage invalide (le texte ne suit pas l'encodage déclaré)\u{00A0}; détail libxml2\u{00A0}: \(message)"
                : "XML invalide ou tronqué\u{00A0}; détail libxml2\u{00A0}: \(message)"
            throw TimetableFileError(fileName: fileName, location: .line(line), reason: reason)
        }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil else {
            throw TimetableFileError(fileName: fileName, reason: "une DTD est déclarée\u{00A0}; elle est refusée")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw TimetableFileError(fileName: fileName, reason: "le fichier n'a pas d'élément racine")
        }
        return try copy(root, fileName: fileName, limits: limits)
    }

    private static func refuseDeclarations(in data: Data, fileName: String) throws(TimetableFileError) {
        for marker in ["<!DOCTYPE", "<!ENTITY"] {
            if let range = data.range(of: Data(marker.utf8)) {
                let line = data[data.startIndex..<range.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw TimetableFileError(fileName: fileName, location: .line(line),
                    reason: "déclaration « \(marker) » refusée\u{00A0}: ni DTD ni entité ne sont admises dans un export d'emploi du temps")
            }
        }
    }

    private static func copy(_ node: xmlNodePtr, fileName: String, limits: TimetableLimits) throws(TimetableFileError) -> TimetableXMLNode {
        let line = Int(xmlGetLineNo(node))
        var result = TimetableXMLNode(name: String(cString: node.pointee.name), attributes: [:], children: [], text: "", line: line)
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            // An attribute's value is the text nodes under it; entities are never substituted.
            var value = ""
            var piece = current.pointee.children
            while let text = piece {
                if let content = text.pointee.content { value += String(cString: content) }
                piece = text.pointee.next
            }
            guard value.count <= limits.maxStringLength else {
                throw TimetableFileError(fileName: fileName, location: .line(line),
                    reason: "l'attribut « \(name) » dépasse \(limits.maxStringLength) caractères (limite maxStringLength)")
            }
            result.attributes[name.lowercased()] = value
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.children.append(try copy(current, fileName: fileName, limits: limits))
            } else if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                      let content = current.pointee.content {
                // Indentation between children is not text: a container would add up to the limit.
                let piece = String(cString: content)
                if piece.allSatisfy(\.isWhitespace) { child = current.pointee.next; continue }
                result.text += piece
                // Text holds the envelope's base64 content, so it is bounded by the file's size.
                guard result.text.utf8.count <= limits.maxFileBytes else {
                    throw TimetableFileError(fileName: fileName, location: .line(line),
                        reason: "le texte de « \(result.name) » dépasse \(limits.maxFileBytes) octets (limite maxFileBytes)")
                }
            }
            child = current.pointee.next
        }
        return result
    }
}
