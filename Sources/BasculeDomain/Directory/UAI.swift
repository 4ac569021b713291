/// The national code of an establishment (unité administrative immatriculée):
/// seven digits and a check letter, e.g. `0750654D`.
///
/// The letter is the seven digits modulo 23, read in an alphabet without I, O and Q.
public struct UAI: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let code: String

    static let checkAlphabet = Array("ABCDEFGHJKLMNPRSTUVWXYZ")

    public init(_ text: String) throws(UAIError) {
        let upper = text.uppercased()
        let chars = Array(upper)
        guard chars.count == 8, chars[..<7].allSatisfy({ $0.isASCII && $0.isNumber }),
              let last = chars.last, last.isASCII, last.isLetter
        else { throw .malformed(text) }
        let expected = Self.checkLetter(forDigits: String(chars[..<7]))
        guard last == expected else { throw .wrongCheckLetter(text, expected: expected) }
        self.code = upper
    }

    /// A code as the national feed writes it: the format is checked, the check letter is not
    /// (the feed is the authority on its codes; `hasValidCheckLetter` says whether it agrees).
    public init(feedCode text: String) throws(UAIError) {
        do { try self.init(text) } catch .wrongCheckLetter {
            self.init(checkedFormat: text.uppercased())
        }
    }

    private init(checkedFormat code: String) {
        self.code = code
    }

    public var hasValidCheckLetter: Bool {
        code.last == Self.checkLetter(forDigits: String(code.prefix(7)))
    }

    /// The UAI for seven digits, with its check letter computed.
    public init(digits: String) throws(UAIError) {
        guard digits.count == 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformed(digits) }
        self.code = digits + String(Self.checkLetter(forDigits: digits))
    }

    static func checkLetter(forDigits digits: String) -> Character {
        checkAlphabet[Int(digits)! % 23]
    }

    public var description: String { code }

    public static func < (lhs: UAI, rhs: UAI) -> Bool { lhs.code < rhs.code }
}

extension UAI: TextCodable {
    /// Stored codes come from the feed: read them as the feed wrote them.
    public init(text: String) throws { try self.init(feedCode: text) }
    public var text: String { code }
}

public enum UAIError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case wrongCheckLetter(String, expected: Character)

    public var description: String {
        switch self {
        case .malformed(let text):
            "code UAI « \(text) » invalide : attendu 7 chiffres suivis d'une lettre"
        case .wrongCheckLetter(let text, let expected):
            "code UAI « \(text) » invalide : la lettre de contrôle devrait être \(expected)"
        }
    }
}
