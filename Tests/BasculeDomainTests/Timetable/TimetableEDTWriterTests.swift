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
