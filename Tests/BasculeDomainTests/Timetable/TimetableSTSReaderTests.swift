import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// The OE cases state the year 2018-19 but date their weeks in 2099 (so that OE, which keeps
/// only future weeks, always imports them). The reader refuses such weeks, as a test below
/// shows; to read the cases, the copy moves those Mondays to the same days of 2018.
func stsCase(_ name: String, file: String = "emp_sts.xml") throws -> URL {
    let data = try Data(contentsOf: timetableFixture("sts/\(name)/\(file)"))
    // Byte-wise on ASCII digits: the ISO-8859-15 bytes around stay as they are.
    let moved = data.replacing(Data("2099-09-".utf8), with: Data("2018-09-".utf8))
    return try writeTimetable(bytes: moved, name: file)
}

@Suite("STS-Web emp_sts and its sts_emp companion")
struct TimetableSTSReaderTests {
    @Test("Each real case reads with as many items as the files hold", arguments: ["case1", "case2", "case7"])
    func realCase(_ name: String) throws {
        // setup
        let emp = try stsCase(name)
        let companion = timetableFixture("sts/\(name)/sts_emp.xml")
        let file = try XMLCensus(url: emp)
        let people = try XMLCensus(url: companion)
        // act
        let export = try TimetableReader.read(fileAt: emp, displayName: "emp_sts.xml", keys: nil, companion: companion)
        // check
        #expect(export.source.software == .sts)
        #expect(export.source.product == file.texts("APPLICATION_SOURCE").first)
        #expect(export.uai == file.texts("UAJ").first)
        #expect(export.classes.count == file.count("DIVISION"))
        #expect(export.groups.count == file.count("GROUPE"))
        #expect(export.courses.count == file.count("COURS"))
        #expect(export.teachers.count == file.values("ENSEIGNANT", "ID").count)
        #expect(export.subjects.count == file.values("SERVICE", "CODE_MATIERE").count)
        #expect(export.rooms.count == file.values("SALLE_COURS", "CODE").union(file.texts("CODE_SALLE")).count)
        #expect(export.students.isEmpty && export.hasStudentMemberships == false)
        #expect(export.calendar.startsOn.iso == people.texts("DATE_DEBUT").first)
        #expect(export.calendar.endsOn.iso == people.texts("DATE_FIN").first)
        let lastNames = Set(people.texts("NOM_USAGE"))
        #expect(export.teachers.allSatisfy { lastNames.contains($0.lastName) && $0.birthDate != nil })
        #expect(export.courses.allSatisfy { $0.teacherKeys.count == 1 && $0.weeks.count >= 1 && $0.startsAt < $0.endsAt })
    }

    @Test("Case 7: the group written inside DIVISIONS is read, with its alternance's weeks and times")
    func nestedGroup() throws {
        // setup
        let emp = try stsCase("case7")
        // act
        let export = try TimetableReader.read(fileAt: emp, displayName: "emp_sts.xml", keys: nil,
                                              companion: timetableFixture("sts/case7/sts_emp.xml"))
        // check
        let course = try #require(export.courses.first { $0.groupKeys == ["3B_G2"] })
        // The year starts on Saturday 2018-09-01: week 1 is the week of 27 August, so 3 and 17 September are weeks 2 and 4.
        #expect(export.calendar.firstWeekMonday.iso == "2018-08-27")
        #expect(course.weeks.weeks == [2, 4])
        #expect(course.day == 2 && course.startsAt.description == "15:13" && course.endsAt.description == "17:13")
        #expect(course.subjectKey == "043700" && course.teacherKeys == ["153667"] && course.roomKeys == ["23"])
        #expect(export.teachers.first { $0.key == "153667" }?.firstName == "John")
    }

    @Test("The companion's ISO-8859-15 labels come out as written")
    func encoding() throws {
        // setup
        let companion = timetableFixture("sts/case7/sts_emp.xml")
        let bytes = try Data(contentsOf: companion)
        // "Français" in ISO-8859-15: the ç is the single byte E7, not UTF-8's C3 A7.
        #expect(bytes.range(of: Data([0x46, 0x72, 0x61, 0x6E, 0xE7, 0x61, 0x69, 0x73])) != nil)
        // act
        let export = try TimetableReader.read(fileAt: try stsCase("case7"), displayName: "emp_sts.xml", keys: nil, companion: companion)
        // check
        #expect(export.subjects.first { $0.key == "020700" }?.label == "Français")
    }

    @Test("Without the companion, the year comes from ANNEE_SCOLAIRE and the report says teachers have no names")
    func alone() throws {
        // setup
        let emp = try stsCase("case2")
        // act
        let export = try TimetableReader.read(fileAt: emp, displayName: "emp_sts.xml", keys: nil)
        // check
        #expect(export.calendar.startsOn.iso == "2018-09-01" && export.calendar.endsOn.iso == "2019-08-31")
        #expect(export.teachers.map(\.key) == ["69881"] && export.teachers[0].lastName.isEmpty)
        #expect(export.teachers[0].ids == [TimetablePersonID(.sts, "69881")])
        #expect(export.subjects.map(\.label) == ["020700"])
        #expect(export.notes.contains { $0.contains("sts_emp") })
    }

    @Test("The weeks of 2099, outside the year 2018-19 the files state, are refused with the alternance and the date")
    func weeksOutOfYear() throws {
        // setup
        let url = timetableFixture("sts/case1/emp_sts.xml")
        // act
        do throws(TimetableFileError) {
            _ = try TimetableReader.read(fileAt: url, displayName: "emp_sts.xml", keys: nil,
                                         companion: timetableFixture("sts/case1/sts_emp.xml"))
            Issue.record("the file was read")
        } catch {
            // check
            #expect(error.sentence == "Le fichier « emp_sts.xml », ligne 36\u{00A0}: alternance « H »\u{00A0}: semaine du 2099-09-03 "
                + "hors de l'année scolaire (2018-09-01 – 2019-08-31).")
        }
    }

    @Test("The parsing-error case is refused with the file, the line and the reason")
    func parsingError() throws {
        // setup
        let url = timetableFixture("sts/parsing-error-case/emp_sts.xml")
        let lines = try String(contentsOf: url, encoding: .isoLatin1).components(separatedBy: "\n")
        // Five <HORAIRE> open, four close, and <HORAIRES> never does: the file ends with elements open.
        #expect(lines.filter { $0.contains("<HORAIRE JOUR") }.count == 5 && lines.filter { $0.contains("</HORAIRE>") }.count == 4)
        #expect(!lines.contains { $0.contains("</HORAIRES>") })
        let donnees = try #require(lines.firstIndex { $0.contains("<DONNEES>") }) + 1
        // act
        do throws(TimetableFileError) {
            _ = try TimetableReader.read(fileAt: url, displayName: "emp_sts.xml", keys: nil)
            Issue.record("the file was read")
        } catch {
            // check
            // libxml2 closes the open elements at each end tag it meets and stops at the end of the file.
            #expect(error.location == .line(lines.count))
            #expect(error.sentence == "Le fichier « emp_sts.xml », ligne \(lines.count)\u{00A0}: XML invalide ou tronqué\u{00A0}; "
                + "détail libxml2\u{00A0}: Premature end of data in tag DONNEES line \(donnees).")
        }
    }
}
