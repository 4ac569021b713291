/// A cell written for a spreadsheet: text a person typed (a liaison message, a name) must stay
/// text when Excel or LibreOffice opens the file, never become a formula that fetches a URL or
/// runs a command. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with an apostrophe (what OWASP recommends); a plain number (`-12`, `+3,5`) stays one.
public enum SpreadsheetCell {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first), !isNumber(text) else { return text }
        return "'" + text
    }

    private static func isNumber(_ text: String) -> Bool {
        let unsigned = text.dropFirst(text.first == "-" || text.first == "+" ? 1 : 0)
        return !unsigned.isEmpty && unsigned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
            && unsigned.first?.isNumber == true
    }
}
