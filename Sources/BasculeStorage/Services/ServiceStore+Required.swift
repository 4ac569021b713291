import BasculeDomain

extension ServiceStore {
    /// A text a form must fill, trimmed; its length and content are checked where every
    /// service field is, by `TextLimits` when the row is written.
    public static func required(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ServiceError.invalid(field: field, reason: "obligatoire") }
        return trimmed
    }
}
