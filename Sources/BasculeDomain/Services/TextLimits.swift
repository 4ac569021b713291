/// How long a text a person sends may be, and what it may not hold: a NUL would be cut
/// silently by one engine and kept by the other, and a megabyte title would fill every page.
/// Long texts (a message's body, a logbook's content) get room; every other field is a line.
public enum TextLimits {
    /// Fields that hold prose.
    static let longFields: Set<String> = ["body", "content", "description", "summary", "comment", "value", "text"]
    public static let longLength = 20_000
    public static let lineLength = 500

    public static func maxLength(of field: String) -> Int {
        longFields.contains(field) ? longLength : lineLength
    }

    /// Refuses a NUL or a text longer than the field allows, naming the field.
    public static func check(_ text: String, field: String) throws(TextLimitError) {
        if text.unicodeScalars.contains("\u{0}") { throw TextLimitError(field: field, reason: "caractère nul interdit") }
        let limit = maxLength(of: field)
        if text.count > limit { throw TextLimitError(field: field, reason: "\(limit) caractères au plus") }
    }
}

public struct TextLimitError: Error, Equatable {
    public let field: String
    public let reason: String
}
