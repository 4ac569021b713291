import Foundation
import Testing
@testable import BasculeStorage

@Suite("French CSV: what Excel opens as it is")
struct FrenchCSVTests {
    @Test("A parent's message that looks like a formula lands as text; the header and numbers are left alone")
    func formulaNeutralised() throws {
        // act
        let data = try FrenchCSV.make(header: ["message", "note"], rows: [["=HYPERLINK(\"http://x\";\"clic\")", "-2"]])
        // check
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(text == "message;note\r\n\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";-2\r\n")
    }

    @Test("A header written by a user (a form's question) that looks like a formula lands as text too")
    func headerNeutralised() throws {
        // act
        let data = try FrenchCSV.make(header: ["Nom", "=1+1"], rows: [["Léa", "2"]])
        // check
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "Nom;'=1+1\r\nLéa;2\r\n")
    }
}
