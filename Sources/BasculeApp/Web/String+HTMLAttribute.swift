extension String {
    /// Plot escapes text nodes but writes attribute values as they are: every attribute value
    /// that carries data (a login typed by the user, a name from the feed) goes through this.
    var attributeEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
