import CLibXML2
import Foundation

// MARK: libxml2 callbacks

extension AAFSAXReader {
    /// C callbacks capture nothing: each finds its reader through the parser's user data.
    static func handler() -> xmlSAXHandler {
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
            AAFSAXReader.reader(me).fail("déclaration d'entité « \(AAFSAXReader.text(name)) » refusée (les entités ne sont jamais développées)")
        }
        handler.unparsedEntityDecl = { me, name, _, _, _ in
            guard let me else { return }
            AAFSAXReader.reader(me).fail("entité « \(AAFSAXReader.text(name)) » refusée")
        }
        // Called for a reference to an undeclared entity where libxml2 only warns (a document
        // with an external DTD, never loaded here): refused all the same.
        handler.reference = { me, name in
            guard let me else { return }
            AAFSAXReader.reader(me).fail("référence à l'entité « \(AAFSAXReader.text(name)) » refusée (jamais résolue)")
        }
        // Errors are read from the context once the parse stops, not printed.
        handler.serror = { _, _ in }
        return handler
    }

    static func reader(_ pointer: UnsafeMutableRawPointer) -> AAFSAXReader {
        Unmanaged<AAFSAXReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    static func text(_ name: UnsafePointer<xmlChar>?) -> String {
        name.map { String(cString: $0) } ?? ""
    }

    static func equal(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        xmlStrEqual(name, literal.utf8Start) != 0
    }

    /// An attribute's value; SAX2 passes five pointers per attribute (name, prefix, URI,
    /// value, end of value). Without entity substitution libxml2 hands an ampersand (`&amp;`
    /// or `&#38;`) over as the text `&#38;`, kept for a tree builder; no other `&` can reach
    /// the value, so that text is the ampersand.
    static func attribute(_ wanted: StaticString, in attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                  count: Int) -> String? {
        guard let attributes else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let name = attributes[base], equal(name, wanted),
                  let value = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let bytes = UnsafeBufferPointer(start: value, count: end - value)
            let text = String(decoding: bytes, as: UTF8.self)
            // Looked for in the bytes: Foundation's `contains` on the text cost 3 % of an import.
            return bytes.contains(UInt8(ascii: "&")) ? text.replacingOccurrences(of: "&#38;", with: "&") : text
        }
        return nil
    }

    /// The text without surrounding white space. Nearly every value starts and ends with a
    /// visible ASCII character, which is checked on the bytes, before any Unicode lookup.
    static func trimmed(_ bytes: [UInt8]) -> String {
        guard let first = bytes.first, let last = bytes.last else { return "" }
        let string = String(decoding: bytes, as: UTF8.self)
        if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) { return string }
        return string.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
