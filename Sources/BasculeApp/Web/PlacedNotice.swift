import Plot

/// A notice shown at the start of the element an action sent the reader back to (`#id`): a
/// folder's row, a form, a card. Inside a table row or a list, where a paragraph may not
/// stand, it is not placed (the page shows it at the top).
struct PlacedNotice {
    let target: String
    let notice: String

    /// `html` with the notice after the start tag of the element `id="target"`, or nil.
    func insert(into html: String) -> String? {
        guard let attribute = html.range(of: " id=\"\(target)\""),
              let tagStart = html[..<attribute.lowerBound].lastIndex(of: "<"),
              let tagEnd = html[attribute.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = html[html.index(after: tagStart)...].prefix { $0.isLetter || $0.isNumber }
        guard Self.containers.contains(String(tag)) else { return nil }
        let paragraph = Node<HTML.BodyContext>.p(.class("notice"), .attribute(named: "role", value: "status"), .text(notice)).render()
        var out = html
        out.insert(contentsOf: paragraph, at: html.index(after: tagEnd))
        return out
    }

    /// The elements a paragraph may open.
    static let containers: Set<String> = ["div", "form", "li", "section", "article", "details", "fieldset"]
}
