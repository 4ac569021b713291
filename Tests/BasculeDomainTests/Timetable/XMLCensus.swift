import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an XML file holds, counted by Foundation's own parser rather than libxml2 through the
/// readers: how many elements of each name, which values each attribute takes, and the text
/// of each element, so that a test's expected numbers do not come from the code it checks.
final class XMLCensus: NSObject, XMLParserDelegate {
    private(set) var counts: [String: Int] = [:]
    private(set) var attributeValues: [String: [String]] = [:]
    private(set) var texts: [String: [String]] = [:]
    private var text = ""

    init(data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    convenience init(url: URL) throws { try self.init(data: Data(contentsOf: url)) }

    func count(_ element: String) -> Int { counts[element, default: 0] }

    /// Every value of `element@attribute`, in document order.
    func attributes(_ element: String, _ attribute: String) -> [String] { attributeValues["\(element)@\(attribute)"] ?? [] }

    /// Distinct values of `element@attribute`.
    func values(_ element: String, _ attribute: String) -> Set<String> { Set(attributes(element, attribute)) }

    func texts(_ element: String) -> [String] { texts[element] ?? [] }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        for (key, value) in attributes { attributeValues["\(name)@\(key)", default: []].append(value) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts[name, default: []].append(trimmed) }
        text = ""
    }
}
