/// French counts as a careful writer agrees them: 0 and 1 take the singular, and the words that
/// agree with the count (participles, pronouns) follow it — never "établissement(s)".
enum French {
    /// `"1 établissement"`, `"3 établissements"`; `plural` when it is not `singular + "s"`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n > 1 ? plural ?? singular + "s" : singular)"
    }

    /// The form that agrees with `n`: `one` for 0 and 1, `many` above.
    static func agreeing(_ n: Int, _ one: String, _ many: String) -> String {
        n > 1 ? many : one
    }

    /// `"élèves"` → `"Élèves"`: a label at the start of a cell or a sentence.
    static func capitalized(_ label: String) -> String {
        label.prefix(1).uppercased() + label.dropFirst()
    }
}

extension French {
    /// A sentence with the non-breaking space French puts before « : ; ? ! » and inside
    /// guillemets, for texts assembled from parts written with plain spaces (the AAF reader's).
    static func typeset(_ text: String) -> String {
        var out = text
        for mark in [":", ";", "?", "!", "»"] { out = out.replacingOccurrences(of: " \(mark)", with: "\u{A0}\(mark)") }
        return out.replacingOccurrences(of: "« ", with: "«\u{A0}")
    }
}

extension French {
    /// « de Marie », « d'Ethan », « d'Hélène »: the preposition elided before a vowel or a mute h.
    static func de(_ name: String) -> String {
        let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).first
        return (first.map { "aeiouyh".contains($0) } ?? false) ? "d'\(name)" : "de \(name)"
    }

    /// A file's size as French readers write it: « 850 octets », « 12 ko », « 3,4 Mo ».
    static func bytes(_ n: Int) -> String {
        if n < 1000 { return count(n, "octet") }
        if n < 1_000_000 { return "\(n / 1000)\u{A0}ko" }
        let tenths = (n + 50_000) / 100_000
        return "\(tenths / 10)" + (tenths % 10 == 0 ? "" : ",\(tenths % 10)") + "\u{A0}Mo"
    }
}
