import Testing
@testable import BasculeDomain

@Suite("Directory values: UAI, dates, school years")
struct DirectoryValuesTests {
    @Test("Valid UAI codes pass their check letter (Henri-IV and Louis-le-Grand first)",
          arguments: ["0750654D", "0750655E", "0690026D", "0380027Y"])
    func realUAIs(code: String) throws {
        #expect(try UAI(code).code == code)
    }

    @Test("A wrong check letter is refused and the expected one named")
    func wrongCheckLetter() throws {
        // 0123456 mod 23 = 15 → S in the alphabet without I, O, Q.
        #expect(throws: UAIError.wrongCheckLetter("0123456A", expected: "S")) { try UAI("0123456A") }
        #expect(try UAI(digits: "0123456").code == "0123456S")
    }

    @Test("Malformed UAI codes are refused", arguments: ["", "075065D", "07506544D", "A750654D", "0750654", "0750654é"])
    func malformedUAI(code: String) {
        #expect(throws: UAIError.malformed(code)) { try UAI(code) }
    }

    @Test("Lower-case input is read as the same code")
    func lowercaseUAI() throws {
        #expect(try UAI("0750654d") == UAI("0750654D"))
    }

    @Test("Calendar dates read ISO and the feed's French format, and refuse impossible days")
    func calendarDates() throws {
        #expect(try CalendarDate(iso: "2026-07-04") == CalendarDate(french: "04/07/2026"))
        #expect(try CalendarDate(french: "29/02/2024").iso == "2024-02-29")
        #expect(throws: CalendarDateError.outOfRange(year: 2025, month: 2, day: 29)) { try CalendarDate(iso: "2025-02-29") }
        #expect(throws: CalendarDateError.malformed("2026-7-4")) { try CalendarDate(iso: "2026-7-4") }
        #expect(throws: CalendarDateError.malformed("31/13")) { try CalendarDate(french: "31/13") }
        #expect(try CalendarDate(iso: "2025-12-31") < CalendarDate(iso: "2026-01-01"))
    }

    @Test("School years are two consecutive years and move preparing → current → archived only")
    func schoolYears() throws {
        let year = try SchoolYearName("2025-2026")
        #expect(year.next.description == "2026-2027")
        #expect(year.defaultStart.iso == "2025-09-01")
        #expect(year.defaultEnd.iso == "2026-08-31")
        #expect(throws: SchoolYearNameError.notConsecutive("2025-2027")) { try SchoolYearName("2025-2027") }
        #expect(throws: SchoolYearNameError.malformed("2025")) { try SchoolYearName("2025") }
        #expect(SchoolYearState.preparing.canMove(to: .current))
        #expect(SchoolYearState.current.canMove(to: .archived))
        #expect(!SchoolYearState.archived.canMove(to: .current))
        #expect(!SchoolYearState.preparing.canMove(to: .archived))
    }
}
