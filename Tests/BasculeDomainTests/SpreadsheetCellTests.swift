import Testing
@testable import BasculeDomain

@Suite("Spreadsheet cells: typed text never becomes a formula")
struct SpreadsheetCellTests {
    @Test("Cells starting like a formula get an apostrophe; numbers and ordinary text stay as they are")
    func neutralised() {
        #expect(SpreadsheetCell.neutralised("=HYPERLINK(\"http://x\";\"clic\")") == "'=HYPERLINK(\"http://x\";\"clic\")")
        #expect(SpreadsheetCell.neutralised("+33 6 12") == "'+33 6 12")
        #expect(SpreadsheetCell.neutralised("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0")
        #expect(SpreadsheetCell.neutralised("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetCell.neutralised("\t=1") == "'\t=1")
        #expect(SpreadsheetCell.neutralised("-12") == "-12" && SpreadsheetCell.neutralised("+3,5") == "+3,5")
        #expect(SpreadsheetCell.neutralised("Réunion = jeudi") == "Réunion = jeudi" && SpreadsheetCell.neutralised("") == "")
    }
}
