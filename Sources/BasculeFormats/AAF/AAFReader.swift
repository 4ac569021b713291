import BasculeDomain
import Foundation

/// Streams the requests of one AAF file to a callback, in constant memory.
///
/// Hostile input is refused, never resolved: a DOCTYPE is allowed (every real export has one,
/// pointing at `ficAlimMENESR.dtd`) but never fetched, and any entity declaration — the way to
/// an external entity (XXE) or an expansion bomb — stops the read.
public enum AAFReader {
    public static func read(_ file: AAFFile, onRecord: (AAFRecord) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw AAFError(file: file.name, reason: "fichier illisible")
        }
        defer { try? handle.close() }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        if (attributes?[.size] as? NSNumber)?.intValue == 0 {
            throw AAFError(file: file.name, reason: "fichier vide")
        }
        try refuseInternalSubset(file)
        try withoutActuallyEscaping(onRecord) { onRecord in
            try AAFSAXReader(file: file, onRecord: onRecord).parse(handle)
        }
    }

    /// Entities can only be declared in a DOCTYPE's internal subset (`<!DOCTYPE x [ … ]>`).
    /// A real export has none, so its mere presence refuses the file, before any parsing.
    private static func refuseInternalSubset(_ file: AAFFile) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 64 * 1024)) ?? Data(), as: UTF8.self)
        guard let doctype = head.range(of: "<!DOCTYPE") else { return }
        let rest = head[doctype.upperBound...]
        let end = rest.firstIndex(of: ">") ?? rest.endIndex
        if let bracket = rest.firstIndex(of: "["), bracket < end {
            let line = head[..<doctype.lowerBound].filter { $0 == "\n" }.count + 1
            throw AAFError(file: file.name, line: line,
                           reason: "DOCTYPE avec déclarations internes refusé : les entités ne sont jamais développées")
        }
    }

    /// libxml2's error number (`xmlParserErrors`) in words.
    static func describe(code: Int) -> String {
        let reason = switch code {
        case 4: "document vide"
        case 5: "fin de document inattendue : fichier tronqué ?"
        case 9: "caractère illégal : mauvais encodage ?"
        case 26, 27: "entité non déclarée"
        case 31, 32: "encodage inconnu ou non pris en charge"
        case 76: "balises mal imbriquées"
        case 77: "balise non terminée : fichier tronqué ?"
        case 89: "boucle d'entités"
        default: "erreur d'analyse"
        }
        return "\(reason), code libxml2 \(code)"
    }
}
