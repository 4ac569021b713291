/// Logins are unique across the académie: "prenom.nom", then "prenom.nom2", …
public struct LoginAllocator: Sendable {
    private var taken: [String: Int] = [:]

    public init() {}

    /// Starts from the logins already given.
    public init(taken logins: some Sequence<String>) {
        for login in logins { taken[login] = 1 }
    }

    /// A login from its base ("prenom.nom", "operateur"), suffixed if already given.
    public mutating func take(_ base: String) -> String {
        let n = (taken[base] ?? 0) + 1
        taken[base] = n
        let login = n == 1 ? base : "\(base)\(n)"
        // A suffixed login may collide with another base ("marie.martin2"): book it too.
        if n > 1, taken[login] != nil { return take(base) }
        if n > 1 { taken[login] = 1 }
        return login
    }

    public mutating func take(first: String, last: String) -> String {
        take(Self.base(first: first, last: last))
    }

    /// "prenom.nom", before any suffix.
    public static func base(first: String, last: String) -> String { "\(asciiSlug(first)).\(asciiSlug(last))" }

    /// The ASCII form used in logins and e-mail addresses.
    public static func asciiSlug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "à", "â", "ä": out += "a"
            case "é", "è", "ê", "ë": out += "e"
            case "î", "ï": out += "i"
            case "ô", "ö": out += "o"
            case "ù", "û", "ü": out += "u"
            case "ç": out += "c"
            case " ", "'": out += "-"
            default:
                if scalar.isASCII, scalar.properties.isAlphabetic || scalar == "-" { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
