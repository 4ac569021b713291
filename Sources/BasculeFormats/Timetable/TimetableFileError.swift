/// Why a timetable file was refused, said so that a school's administrator can act on it:
/// the file, where in it, and what is wrong, in one French sentence.
public struct TimetableFileError: Error, Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case line(Int)
        case zipEntry(String)
        case element(String)
    }

    public var fileName: String
    public var location: Location?
    public var reason: String

    public init(fileName: String, location: Location? = nil, reason: String) {
        self.fileName = fileName
        self.location = location
        self.reason = reason
    }

    /// "Le fichier « X », ligne 12 : …" — the non-breaking space before the colon is French typography.
    public var sentence: String {
        var text = "Le fichier « \(fileName) »"
        switch location {
        case .line(let line) where line > 0: text += ", ligne \(line)"
        case .zipEntry(let entry): text += ", entrée « \(entry) » de l'archive"
        case .element(let element): text += ", élément « \(element) »"
        default: break
        }
        let end = reason.hasSuffix(".") || reason.hasSuffix("!") || reason.hasSuffix("?") ? "" : "."
        return text + "\u{00A0}: " + reason + end
    }
}
