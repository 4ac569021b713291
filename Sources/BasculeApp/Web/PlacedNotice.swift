import Plot

/// A notice shown at the start of the element an action sent the reader back to (`#id`): a
/// folder's row, a form, a card. Without such an element — or inside a table row or a list,
/// where a paragraph may not stand — it is shown under the page's title.
struct PlacedNotice {
    let target: String?
    let notice: String

    /// `html` with the notice after the start tag of the element `id="target"`, or after the
    /// page's `</h1>`.
    func insert(into html: String) -> String {
        let paragraph = Node<HTML.BodyContext>.p(.class("notice"), .attribute(named: "role", value: "status"), .text(notice)).render()
        var out = html
        if let target, let attribute = html.range(of: " id=\"\(target)\""),
           let tagStart = html[..<attribute.lowerBound].lastIndex(of: "<"),
           let tagEnd = html[attribute.upperBound...].firstIndex(of: ">"),
           Self.containers.contains(String(html[html.index(after: tagStart)...].prefix { $0.isLetter || $0.isNumber })) {
            out.insert(contentsOf: paragraph, at: html.index(after: tagEnd))
        } else if let title = html.range(of: "</h1>") {
            out.insert(contentsOf: paragraph, at: title.upperBound)
        }
        return out
    }

    /// The elements a paragraph may open.
    static let containers: Set<String> = ["div", "form", "li", "section", "article", "details", "fieldset"]
}
