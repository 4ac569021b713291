import BasculeDomain
import BasculeFormats
import BasculeGenerator
import BasculeStorage
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// The real clear EDT sample imported as a school would: its people first come from the AAF
/// (written here from the file's own names), then the timetable meets them.
@Suite("The real EDT sample, after an AAF import of its people")
struct TimetableRealSampleTests {
    static let year = TimetableFeedBuilder.year

    /// The file's establishment, classes, groups, students and teachers as an AAF export.
    static func writeFeed(of sample: RealEDTSample, to directory: String) throws {
        var feed = try TimetableFeedBuilder(uai: "0134567A")
        for subject in sample.subjects { feed.subject(code: subject.code, label: subject.label) }
        for schoolClass in sample.classes { feed.schoolClass(schoolClass.ident, code: schoolClass.name) }
        for group in sample.groups { feed.group(group.ident, code: group.name) }
        for student in sample.students {
            let groups = sample.groups.filter { !Set($0.parts).isDisjoint(with: student.parts) || !Set($0.classes).isDisjoint(with: student.classes) }
            feed.student(jointure: "E\(student.ident)", lastName: student.lastName, firstName: student.firstName,
                         birthDate: try? CalendarDate(iso: student.birthDate), classes: student.classes, groups: groups.map(\.ident))
        }
        for teacher in sample.teachers { feed.teacher(jointure: "P\(teacher.ident)", lastName: teacher.lastName, firstName: teacher.firstName) }
        try feed.write(to: directory)
    }

    @Test("Every teacher and student matched, every class and subject; occurrences per class and week as the file says")
    func realSample() async throws {
        try await withTestApp { app in
            // setup
            let sample = try RealEDTSample.parse()
            let feed = (app.configuration.dataDirectory as NSString).appendingPathComponent("aaf")
            try Self.writeFeed(of: sample, to: feed)
            _ = try await FeedImporter(db: app.db, options: .init(year: Self.year, today: Self.year.defaultStart)).run(directory: feed)
            let file = URL(fileURLWithPath: app.configuration.dataDirectory).appendingPathComponent("edt.xml")
            try Data(try RealEDTSample.text().utf8).write(to: file)
            let viewer = try await ViewerStore(db: app.db).console()
            let before = TimetableMoment(date: try CalendarDate(iso: "2025-08-25"), time: TimeOfDay(minutes: 480))
            // act
            let export = try TimetableReader.read(fileAt: file, displayName: "edt.xml", keys: nil)
            let report = try await TimetableImporter(db: app.db).run(
                .init(export: export, fileName: "edt.xml", uai: "0134567A", year: Self.year, now: before), by: viewer, at: app.clock.now)
            // check: the counts are the file's
            #expect(report[.teachers].inFile == sample.teachers.count)
            #expect(report[.teachers].matched == sample.teachers.count)
            #expect(report[.students].inFile == sample.students.count)
            // A student without a birth date whose names another student bears is left to the administrator.
            let ambiguous = sample.students.filter { student in
                student.birthDate.isEmpty && sample.students.filter { ($0.lastName, $0.firstName) == (student.lastName, student.firstName) }.count > 1
            }
            #expect(ambiguous.map { "\($0.lastName) \($0.firstName)" } == ["ALUN Alain"])
            #expect(report[.students].matched == sample.students.count - ambiguous.count)
            #expect(report[.classes].matched == sample.classes.count)
            #expect(report[.subjects].matched == sample.subjects.count)
            #expect(report.unmatched.map(\.source) == ambiguous.map { "\($0.lastName) \($0.firstName)" })
            // check: the classes' weeks
            let expected = sample.occurrencesPerClassAndWeek()
            let establishmentID = try #require(try await Establishment.query(on: app.db)
                .filter(\.$uai == UAI(feedCode: "0134567A")).first()).requireID()
            let yearID = try #require(try await app.sql.raw("SELECT id FROM school_years").first(decodingColumn: "id", as: Int.self))
            let store = TimetableStore(viewer: viewer, db: app.db)
            var mismatches: [String] = []
            // Every week of five classes, and every fourth week of all: a fifth of the year's pages.
            for (index, schoolClass) in try await SchoolClass.query(on: app.db).sort(\.$code).all().enumerated() {
                for week in 1...sample.weekCount where index < 5 || week % 4 == 1 {
                    let day = export.calendar.date(week: week, day: 1)
                    let shown = try await store.week(of: .schoolClass(try schoolClass.requireID()), in: establishmentID, containing: day,
                                                    yearID: yearID)
                    let count = expected[schoolClass.code]?[week] ?? 0
                    if shown.occurrences.count != count { mismatches.append("\(schoolClass.code) semaine \(week) : \(shown.occurrences.count) ≠ \(count)") }
                }
            }
            #expect(!expected.isEmpty)
            #expect(mismatches.isEmpty, "\(mismatches.count) : \(mismatches.prefix(8))")
        }
    }
}
