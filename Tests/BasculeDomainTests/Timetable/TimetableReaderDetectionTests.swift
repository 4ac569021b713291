import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// Schools rename their exports: `TimetableReader.read(fileAt:)` picks the reader from the
/// bytes, so each file below carries another format's name.
@Suite("The reader is chosen from the content, not the name")
struct TimetableReaderDetectionTests {
    @Test("A UDT archive named like an STS file, an STS file named like an archive, an EDT export named like UDT")
    func misnamed() throws {
        // setup
        let udt = try udtArchive(["v26"], name: "emp_sts.xml")
        let sts = try writeTimetable(bytes: try Data(contentsOf: try stsCase("case2")), name: "export_UDT.zip")
        let edt = try writeTimetable(bytes: try Data(contentsOf: timetableFixture("edt/edt-2012-2013-clear.xml")), name: "UDCal_12.xml")
        // act
        let read = try [udt, sts, edt].map { url in
            try TimetableReader.read(fileAt: url, displayName: url.lastPathComponent, keys: nil).source.software
        }
        // check
        #expect(read == [.udt, .sts, .edt])
    }

    @Test("The STS-Web companion given as the main file is refused with what to do")
    func companionFirst() throws {
        // setup
        let url = timetableFixture("sts/case2/sts_emp.xml")
        // act
        do throws(TimetableFileError) {
            _ = try TimetableReader.read(fileAt: url, displayName: "sts_emp.xml", keys: nil)
            Issue.record("the file was read")
        } catch {
            // check
            #expect(error.reason.hasPrefix("c'est l'export de STS-Web vers le logiciel d'emploi du temps (sts_emp)"))
        }
    }
}
