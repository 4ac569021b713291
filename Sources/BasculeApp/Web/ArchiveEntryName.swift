import Foundation

/// Names inside the ZIP archives Bascule gives (a mailbox, a porte-documents).
enum ArchiveEntryName {
    /// A folder's name as a name inside the archive: no folder separator, no dot first, nothing
    /// unprintable.
    static func make(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            CharacterSet.controlCharacters.contains(scalar) || "/\\:*?\"<>|".unicodeScalars.contains(scalar) ? "_" : Character(scalar)
        })
        let trimmed = cleaned.drop(while: { $0 == "." || $0 == " " })
        return trimmed.isEmpty ? "sans nom" : String(trimmed.prefix(80))
    }
}
