import BasculeDomain

/// Checks a file's bytes against the encoding its XML declaration names, as they stream by,
/// before libxml2 sees them: libxml2 decodes ISO-8859-1 from any bytes, so a file declared
/// Latin but written in UTF-8 would be read without error, every accented name garbled.
///
/// - UTF-8 (declared, or no declaration): every sequence must be well formed (no overlong
///   form, no surrogate, nothing past U+10FFFF).
/// - ISO-8859-1 and ISO-8859-15: a UTF-8 sequence of a Latin character (`é` is C3 A9, read
///   as « Ã© ») or one holding a C1 control byte (80–9F, never text) refuses the file.
/// - A NUL byte is refused in any encoding; any other declared encoding is refused.
struct AAFByteCheck {
    enum Encoding { case utf8, latin }

    private let file: String
    private var encoding: Encoding?
    private var line = 1
    /// The bytes of a multi-byte sequence cut by the end of a chunk, completed by the next.
    private var pending: [UInt8] = []

    init(file: String) {
        self.file = file
    }

    mutating func scan(_ bytes: UnsafeRawBufferPointer) throws(AAFError) {
        if encoding == nil { encoding = try Self.declaredEncoding(bytes, file: file) }
        var bytes = Array(bytes)
        if !pending.isEmpty {
            bytes = pending + bytes
            pending = []
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte == 0 {
                throw refusal("caractère NUL (octet 00) interdit dans un fichier XML")
            } else if byte >= 0x80 {
                let length = Self.sequenceLength(bytes, at: index)
                if length == nil, bytes.count - index < 4, Self.isPrefix(bytes[index...]) {
                    pending = Array(bytes[index...])
                    return
                }
                switch encoding {
                case .utf8?:
                    guard let length else {
                        throw refusal("octet \(Self.hex(byte)) invalide en UTF-8\u{00A0}: le fichier n'est pas dans l'encodage qu'il déclare")
                    }
                    index += length
                    continue
                default:
                    if let length, Self.looksLikeUTF8(bytes, at: index, length: length) {
                        let sequence = bytes[index..<index + length].map(Self.hex).joined(separator: " ")
                        throw refusal("le fichier se déclare ISO-8859 mais contient de l'UTF-8 (octets \(sequence))\u{00A0}: "
                            + "réexportez-le en ISO-8859-15 ou déclarez encoding=\"UTF-8\"")
                    }
                }
            }
            index += 1
        }
    }

    /// A sequence cut by the end of the file.
    func finish() throws(AAFError) {
        guard !pending.isEmpty, encoding == .utf8 else { return }
        throw refusal("séquence UTF-8 tronquée en fin de fichier")
    }

    private func refusal(_ reason: String) -> AAFError {
        AAFError(file: file, line: line, reason: reason)
    }

    /// The encoding of `<?xml … encoding="…"?>` at the very start; UTF-8 without one.
    static func declaredEncoding(_ bytes: UnsafeRawBufferPointer, file: String) throws(AAFError) -> Encoding {
        let head = Array(bytes.prefix(256))
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else { return .utf8 }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return .utf8 }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return .utf8 }
        let name = rest.dropFirst().prefix { $0 != quote }.uppercased()
        switch name {
        case "UTF-8", "UTF8": return .utf8
        case "ISO-8859-1", "ISO-8859-15", "LATIN1", "ISO_8859-1", "ISO-LATIN-1": return .latin
        default:
            throw AAFError(file: file, line: 1,
                           reason: "encodage « \(name) » non pris en charge (attendu UTF-8, ISO-8859-1 ou ISO-8859-15)")
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (2 to 4), or nil.
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard length > 0, index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) { return nil }
        return length
    }

    /// A lead byte followed only by continuation bytes: the start of a sequence the next chunk ends.
    private static func isPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let lead = bytes.first, (0xC2...0xF4).contains(lead) else { return false }
        return bytes.dropFirst().allSatisfy { (0x80...0xBF).contains($0) }
    }

    /// In Latin text « Ã » or « Â » before a symbol, or a C1 control byte, is never written:
    /// such a pair is UTF-8.
    private static func looksLikeUTF8(_ bytes: [UInt8], at index: Int, length: Int) -> Bool {
        bytes[index] == 0xC2 || bytes[index] == 0xC3 || bytes[index + 1..<index + length].contains { $0 <= 0x9F }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
