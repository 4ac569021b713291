import BasculeDomain
import BasculeFormats
import BasculeGenerator
import Foundation
import Testing

@Suite("EDT writer: a generated timetable written as EDT's clear export reads back as it was")
struct TimetableEDTWriterTests {
    private func generated() -> (EstablishmentBatch, GeneratedTimetableExport) {
        var directory = AcademyGenerator(preset: .small, seed: 5, yearName: SchoolYearName(startYear: 2025))
        let batch = directory.nextEstablishment()!
        return (batch, GeneratedTimetable.export(of: batch, subjects: directory.subjects, year: directory.year, seed: 5))
    }

    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("edt-\(UUID().uuidString).xml")
    }

    @Test("Write then read: the same people, classes, groups, class parts, memberships and courses")
    func roundTrip() throws {
        // setup
        let (batch, timetable) = generated()
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        // act
        try timetable.writer.write(to: url)
        let read = try TimetableReader.read(fileAt: url, displayName: "export.xml", keys: nil)
        // check: the file states no holidays (EDT v1.1 has none), and names its courses by position
        var expected = timetable.export
        expected.calendar.holidays = []
        #expect(read.courses.count == expected.courses.count)
        #expect(read.courses.map(\.origin).allSatisfy { $0.hasPrefix("Cours n° ") })
        for index in expected.courses.indices { expected.courses[index].origin = read.courses[index].origin }
        #expect(read.calendar == expected.calendar)
        #expect(read.slots == expected.slots)
        #expect(read.subjects == expected.subjects)
        #expect(read.teachers == expected.teachers)
        #expect(read.classes == expected.classes)
        #expect(read.groups == expected.groups)
        #expect(read.rooms == expected.rooms)
        #expect(read.students == expected.students)
        #expect(read.courses == expected.courses)
        #expect(read == expected)
        #expect(read.students.count == batch.classMemberships.count)
        #expect(read.teachers.count == Set(batch.teachingAssignments.map(\.teacherID)).count)
    }

    @Test("A name with XML's special characters is escaped, not broken")
    func escapes() throws {
        // setup
        var (_, timetable) = generated()
        timetable.export.students[0].lastName = "D'ARC & <FILS> \"JR\""
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        // act
        try timetable.writer.write(to: url)
        let read = try TimetableReader.read(fileAt: url, displayName: "export.xml", keys: nil)
        // check
        #expect(read.students[0].lastName == "D'ARC & <FILS> \"JR\"")
    }
}

@Suite("Weekdays before 1970 and week 1 that does not start on a Monday")
struct TimetableWeekdayTests {
    @Test("Weekdays and Mondays are right on both sides of 1970")
    func weekdays() throws {
        // check: 1969-12-31 was a Wednesday, 1950-06-15 a Thursday, 2025-09-03 a Wednesday
        #expect(try CalendarDate(iso: "1969-12-31").weekday == 3)
        #expect(try CalendarDate(iso: "1969-12-31").mondayOfWeek.iso == "1969-12-29")
        #expect(try CalendarDate(iso: "1950-06-15").weekday == 4)
        #expect(try CalendarDate(iso: "2025-09-03").mondayOfWeek.iso == "2025-09-01")
        #expect(try CalendarDate(iso: "2025-09-07").weekday == 7)
    }

    @Test("An EDT file whose week 1 starts on a Wednesday is read from that week's Monday")
    func weekOneOnAWednesday() throws {
        // setup
        var directory = AcademyGenerator(preset: .small, seed: 5, yearName: SchoolYearName(startYear: 2025))
        let batch = directory.nextEstablishment()!
        var timetable = GeneratedTimetable.export(of: batch, subjects: directory.subjects, year: directory.year, seed: 5)
        timetable.export.calendar.firstWeekMonday = try CalendarDate(iso: "2025-09-03")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edt-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: url) }
        // act
        try timetable.writer.write(to: url)
        let read = try TimetableReader.read(fileAt: url, displayName: "export.xml", keys: nil)
        // check: a Monday course of week 1 falls on Monday 1 September
        #expect(read.calendar.firstWeekMonday.iso == "2025-09-01")
        #expect(read.calendar.date(week: 1, day: 1).iso == "2025-09-01")
    }
}
