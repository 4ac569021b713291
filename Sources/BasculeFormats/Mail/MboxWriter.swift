import Foundation

/// Messages written as an mbox file (the "mboxrd" flavour every mail client imports: a
/// `From ` line before each message, body lines that start with `From ` after any `>` quoted
/// with one more `>`). Headers are RFC 5322 with RFC 2047 words for non-ASCII text; a message
/// with attachments is `multipart/mixed`, each file in base64 under its RFC 2231 name.
public struct MboxWriter {
    public struct Person: Sendable {
        public let name: String
        public let address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }

    public struct Attachment: Sendable {
        public let name: String
        public let mediaType: String
        public let content: Data

        public init(name: String, mediaType: String, content: Data) {
            self.name = name
            self.mediaType = mediaType
            self.content = content
        }
    }

    public struct Message: Sendable {
        public let id: Int
        public let from: Person
        public let to: [Person]
        public let date: Date
        public let subject: String
        public let body: String
        public let attachments: [Attachment]

        public init(id: Int, from: Person, to: [Person], date: Date, subject: String, body: String, attachments: [Attachment] = []) {
            self.id = id
            self.from = from
            self.to = to
            self.date = date
            self.subject = subject
            self.body = body
            self.attachments = attachments
        }
    }

    /// The `From ` line's date (asctime) and the `Date:` header's (RFC 5322), made once per file.
    private let separatorDate: DateFormatter
    private let headerDate: DateFormatter

    public init(timeZone: TimeZone) {
        func formatter(_ pattern: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            return formatter
        }
        separatorDate = formatter("EEE MMM dd HH:mm:ss yyyy")
        headerDate = formatter("EEE, dd MMM yyyy HH:mm:ss Z")
    }

    /// One message of the file, ending with the blank line that separates it from the next.
    public func entry(_ message: Message) -> String {
        var out = "From \(message.from.address) \(separatorDate.string(from: message.date))\n"
        out += "From: \(mailbox(message.from))\n"
        out += "To: \(message.to.isEmpty ? "undisclosed-recipients:;" : message.to.map(mailbox).joined(separator: ",\n "))\n"
        out += "Date: \(headerDate.string(from: message.date))\n"
        out += "Subject: \(Self.word(message.subject))\n"
        out += "Message-ID: <message-\(message.id)@bascule.invalid>\n"
        out += "MIME-Version: 1.0\n"
        let text = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\(Self.quoted(message.body))\n"
        guard !message.attachments.isEmpty else { return out + text + "\n" }
        let boundary = "=_bascule_\(message.id)_\(message.attachments.count)"
        out += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n--\(boundary)\n\(text)"
        for attachment in message.attachments {
            out += "--\(boundary)\n"
            out += "Content-Type: \(attachment.mediaType)\nContent-Transfer-Encoding: base64\n"
            out += "Content-Disposition: attachment; filename*=UTF-8''\(Self.percentEncoded(attachment.name))\n\n"
            out += attachment.content.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]) + "\n"
        }
        return out + "--\(boundary)--\n\n"
    }

    private func mailbox(_ person: Person) -> String {
        "\(Self.word(person.name)) <\(person.address)>"
    }

    /// Plain printable ASCII as is; anything else as an RFC 2047 encoded word. Line breaks
    /// never reach a header.
    static func word(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !flat.contains("=?") {
            return flat
        }
        return "=?UTF-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    static func percentEncoded(_ name: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        allowed.insert(charactersIn: "-._")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "fichier"
    }

    /// The body with LF line ends, and `From ` lines (after any `>`) quoted once more.
    static func quoted(_ body: String) -> String {
        body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.drop(while: { $0 == ">" }).hasPrefix("From ") ? ">" + line : String(line) }
            .joined(separator: "\n")
    }
}
