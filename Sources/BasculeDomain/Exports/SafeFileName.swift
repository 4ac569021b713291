import Foundation

/// A name from the data (a student, a class) made safe as one component of a path inside an
/// archive: letters without accents, digits, `-` and `_` only, so it cannot climb out of its
/// folder (`..`, `/`, `\`), hide (leading dot) or carry control characters; never empty.
public enum SafeFileName {
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        var out = ""
        var lastWasDash = true
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                out.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                out += "-"
                lastWasDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        let clipped = String(out.prefix(maxLength))
        return clipped.isEmpty ? "sans-nom" : clipped
    }
}
