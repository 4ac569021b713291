import BasculeDomain
import BasculeFormats
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor

/// The hand-written UDT v26 archive (no real one is public) imported after an AAF import of the
/// people it names: teachers met through their `epj` or their names, students and classes.
@Suite("A UDT archive imported after an AAF import of its people")
struct TimetableUDTImportTests {
    static func archive(in folder: String) throws -> URL {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/timetable/udt/v26")
        let entries = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted().map {
            (path: $0, data: try Data(contentsOf: fixtures.appendingPathComponent($0)))
        }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("udt.zip")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Delivered.zip(entries).write(to: url)
        return url
    }

    /// The directory the file names, as the feed carries it (teachers' `epj` is their jointure).
    static func writeFeed(of export: TimetableExport, to directory: String) throws {
        var feed = try TimetableFeedBuilder(uai: "0691000M")
        for subject in export.subjects { feed.subject(code: subject.code, label: subject.label) }
        for schoolClass in export.classes { feed.schoolClass(schoolClass.key, code: schoolClass.name) }
        for group in export.groups where group.classKey == nil { feed.group(group.key, code: group.name) }
        for (index, student) in export.students.enumerated() {
            var classes: [String] = [], groups: [String] = []
            for membership in student.memberships {
                switch membership.target {
                case .schoolClass(let key): classes.append(key)
                case .group(let key): groups.append(key)
                }
            }
            feed.student(jointure: "E\(index)", lastName: student.lastName, firstName: student.firstName,
                         birthDate: student.birthDate, classes: classes, groups: groups)
        }
        for (index, teacher) in export.teachers.enumerated() {
            feed.teacher(jointure: teacher.ids.first { $0.kind == .epj }?.value ?? "P\(index)", lastName: teacher.lastName,
                         firstName: teacher.firstName, birthDate: teacher.birthDate)
        }
        try feed.write(to: directory)
    }

    @Test("Every teacher and student matched, every course written; the same archive again changes nothing")
    func imported() async throws {
        try await withTestApp { app in
            // setup
            let folder = app.configuration.dataDirectory
            let url = try Self.archive(in: folder)
            let export = try TimetableReader.read(fileAt: url, displayName: "udt.zip", keys: nil)
            let feed = (folder as NSString).appendingPathComponent("aaf")
            try Self.writeFeed(of: export, to: feed)
            let year = TimetableFeedBuilder.year
            _ = try await FeedImporter(db: app.db, options: .init(year: year, today: year.defaultStart)).run(directory: feed)
            let viewer = try await ViewerStore(db: app.db).console()
            let before = TimetableMoment(date: try CalendarDate(iso: "2025-08-25"), time: TimeOfDay(minutes: 480))
            let request = TimetableImporter.Request(export: export, fileName: "udt.zip", uai: "0691000M", year: year, now: before)
            // act
            let report = try await TimetableImporter(db: app.db).run(request, by: viewer, at: app.clock.now)
            let checksum = try await DatabaseChecksum.compute(on: app.db).overall
            let again = try await TimetableImporter(db: app.db).run(request, by: viewer, at: app.clock.now)
            // check
            #expect(report.source.software == .udt)
            #expect(report.source.product == "UDT v26")
            #expect(!export.teachers.isEmpty && !export.students.isEmpty && !export.courses.isEmpty)
            #expect(report[.teachers].matched == export.teachers.count)
            #expect(report[.students].matched == export.students.count)
            // The feed makes a class from its students: one without any is not in the directory.
            let attended = Set(export.students.flatMap(\.memberships).compactMap { membership -> String? in
                if case .schoolClass(let key) = membership.target { return key } else { return nil }
            })
            #expect(attended.count >= 1)
            #expect(report[.classes].matched == export.classes.filter { attended.contains($0.key) }.count)
            #expect(report[.courses].created == export.courses.count)
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM timetable_courses").first(decodingColumn: "n", as: Int.self)
                    == export.courses.count)
            #expect(!again.changesSomething)
            #expect(try await DatabaseChecksum.compute(on: app.db).overall == checksum)
        }
    }
}
