import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// The fixtures' own files, counted by Foundation's parser.
private func census(_ folder: String, _ file: String) throws -> XMLCensus {
    try XMLCensus(url: timetableFixture("udt/\(folder)/\(file)"))
}

private func read(_ archive: URL) throws -> TimetableExport {
    try TimetableReader.read(fileAt: archive, displayName: "udt.zip", keys: nil)
}

/// Mondays from `start` to `end`, closure days aside, counted with Foundation's calendar.
private func mondays(from start: String, to end: String, closed: ClosedRange<String>) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let format = DateFormatter()
    format.dateFormat = "yyyy-MM-dd"
    format.timeZone = calendar.timeZone
    var day = format.date(from: start)!, count = 0
    while format.string(from: day) <= end {
        if calendar.component(.weekday, from: day) == 2, !closed.contains(format.string(from: day)) { count += 1 }
        day = calendar.date(byAdding: .day, value: 1, to: day)!
    }
    return count
}

@Suite("UnDeuxTemps archives, hand-written from the schema")
struct TimetableUDTReaderTests {
    @Test("A v26 archive reads with every item its files hold")
    func v26() throws {
        // setup
        let archive = try udtArchive(["v26"])
        let groups = try census("v26", "UDCal_19.xml"), teachers = try census("v26", "UDCal_04.xml")
        // act
        let export = try read(archive)
        // check
        #expect(export.source.software == .udt && export.source.description == "UnDeuxTemps (UDT) — UDT v26")
        #expect(export.subjects.count == (try census("v26", "UDCal_05.xml")).count("mat"))
        #expect(export.teachers.count == teachers.attributes("prof", "code_matppl").filter { !$0.isEmpty }.count)
        #expect(export.classes.count == (try census("v26", "UDCal_08.xml")).count("div"))
        #expect(export.groups.count == groups.attributes("gpe", "code_sts").filter { !$0.isEmpty }.count
            + (try census("v26", "UDCal_13.xml")).count("rgpmt"))
        #expect(export.rooms.count == (try census("v26", "UDCal_03.xml")).count("salle"))
        #expect(export.students.count == (try census("v26", "UDCal_10.xml")).count("eleve"))
        #expect(export.slots.count == (try census("v26", "UDCal_07.xml")).values("demi_seq", "code").count)
        #expect(export.calendar.holidays.count == (try census("v26", "UDCal_24.xml")).count("fermeture"))
        #expect(export.calendar.firstWeekMonday.iso == "2025-09-01" && export.calendar.weekCount == 44)
        #expect(export.hasStudentMemberships)
        #expect(export.notes.contains { $0.hasPrefix("Version UDT v26") && $0.contains("1 groupes de UDCal_19 sans code_sts") })
        #expect(export.notes.contains("1 lignes de « UDCal_12.xml » sans division sont ignorées."))
        #expect(export.notes.contains { $0.hasPrefix("1 appartenances de UDCal_21 ignorées") })
        #expect(export.subjects.map(\.code) == ["061300", "020100", "LATIN"])
        #expect(export.teachers.first?.ids == [TimetablePersonID(.epj, "AAF-1")] && export.teachers.first?.birthDate?.iso == "1980-05-04")
    }

    @Test("v26 courses: consecutive lines merged, co-teachers added, closures and the first period kept out")
    func v26Courses() throws {
        // setup
        let archive = try udtArchive(["v26"])
        // act
        let courses = try read(archive).courses
        // check
        // Lines 001001 and 002001 merge; 004001 follows 002001 with a gap and stands alone; 007001 has no division.
        #expect(courses.count == 4)
        // The first period runs to ISO week 44 (school week 9); Toussaint closes weeks 8 and 9.
        let maths = try #require(courses.first { $0.startsAt.description == "08:00" && $0.day == 1 })
        #expect(maths.endsAt.description == "09:00" && maths.teacherKeys == ["P1", "P2"] && maths.groupKeys == ["6A/G1"])
        #expect(maths.classKeys.isEmpty && maths.roomKeys == ["S101"] && maths.weeks.weeks == Array(1...7))
        let french = try #require(courses.first { $0.day == 2 })
        // Tuesday 2 September is closed: the week-1 Tuesday course is not held.
        #expect(french.classKeys == ["6A"] && french.groupKeys.isEmpty && french.weeks.weeks == Array(2...7))
        #expect(courses.contains { $0.day == 1 && $0.startsAt.description == "09:30" && $0.endsAt.description == "10:00" })
        let latin = try #require(courses.first { $0.day == 4 })
        // An empty hre_fin ends the half-sequence after half of duree_seq (55 / 2 = 27 minutes); P3 has no subject: staff.
        #expect(latin.endsAt.description == "08:27" && latin.groupKeys == ["rgpmt/R1"] && latin.teacherKeys.isEmpty)
    }

    @Test("v26 memberships: whole year when no week is set, runs of ISO weeks bridged over closures")
    func v26Memberships() throws {
        // setup
        let archive = try udtArchive(["v26"])
        // act
        let students = try read(archive).students
        // check
        #expect(students[0].memberships == [TimetableMembership(target: .group("6A/G1"), startsOn: nil, endsOn: nil)])
        // E2: ISO weeks 36-42 and 45-50; 43-44 are Toussaint, so one run from 1 September to Sunday 14 December.
        let start = try CalendarDate(iso: "2025-09-01"), end = try CalendarDate(iso: "2025-12-14")
        #expect(students[1].memberships == [TimetableMembership(target: .schoolClass("6B"), startsOn: start, endsOn: end),
                                            TimetableMembership(target: .group("rgpmt/R1"), startsOn: start, endsOn: end)])
        #expect(students[2].memberships.isEmpty)
    }

    @Test("Weekly files give their period; a week that starts no period is left aside and said")
    func weekly() throws {
        // setup
        let archive = try udtArchive(["v26", "weekly"])
        // act
        let export = try read(archive)
        // check
        #expect(export.courses.count == 5)
        // ISO week 45 is school week 10; Christmas closes weeks 17 and 18; the year has 44 weeks.
        let weekly = try #require(export.courses.first { $0.origin.contains("UDCal_12_45.xml") })
        #expect(weekly.weeks.weeks == Array(10...16) + Array(19...44) && weekly.teacherKeys == ["P1", "P2"])
        #expect(export.notes.contains("L'entrée « UDCal_12_40.xml » est ignorée\u{00A0}: la semaine ISO 40 ne commence aucune période de semaines.xml."))
    }

    @Test("A weekly file for the first period replaces the theoretical lines")
    func weeklyFirstPeriod() throws {
        // setup
        let lines = try Data(contentsOf: timetableFixture("udt/weekly/UDCal_12_45.xml"))
        let archive = try udtArchive(["v26"], extra: [UDTEntry(path: "UDCal_12_36.xml", data: lines)])
        // act
        let courses = try read(archive).courses
        // check
        #expect(courses.count == 1 && courses[0].weeks.weeks == Array(1...7) && courses[0].teacherKeys == ["P1"])
    }

    @Test("An older archive (v24): theorique attribute, HHhMM times, ISO-8859-1, no semaines.xml")
    func v24() throws {
        // setup
        let archive = try udtArchive(["v24"])
        // act
        let export = try read(archive)
        // check
        #expect(export.source.product == "UDT v24")
        #expect(export.students.first?.lastName == "BÉGUIN" && export.students.first?.firstName == "Zoé")
        #expect(export.calendar.firstWeekMonday.iso == "2016-08-29")
        let course = try #require(export.courses.first)
        #expect(export.courses.count == 1 && course.startsAt.description == "08:00" && course.endsAt.description == "09:00")
        // Without semaines.xml the theoretical lines hold all year, on the students' days only.
        #expect(course.weeks.count == mondays(from: "2016-09-01", to: "2017-07-07", closed: "2016-10-19"..."2016-11-03"))
        #expect(!course.weeks.contains(1))
    }

    @Test("Lower-case names (udcal_) read the same, and mark v25 with theorique")
    func lowerCase() throws {
        // setup
        let archive = try udtArchive(["v24"], rename: { $0.lowercased() })
        // act
        let export = try read(archive)
        // check
        #expect(export.source.product == "UDT v25")
        #expect(export.courses == (try read(try udtArchive(["v24"]))).courses.map { course in
            var course = course
            course.origin = course.origin.replacingOccurrences(of: "UDCal_12.xml", with: "udcal_12.xml")
            return course
        })
    }
}
