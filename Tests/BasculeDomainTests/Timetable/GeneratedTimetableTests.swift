import BasculeDomain
import BasculeGenerator
import Testing

@Suite("Generated timetables: a week nobody is in two places at once, holidays without courses")
struct GeneratedTimetableTests {
    private static let year = SchoolYearName(startYear: 2025)

    private func activities() -> [(EstablishmentBatch, [String: [[ColumnValue]]])] {
        var directory = AcademyGenerator(preset: .small, seed: 3, yearName: Self.year)
        var activity = ActivityGenerator(seed: 3, year: directory.year, subjects: directory.subjects)
        var result: [(EstablishmentBatch, [String: [[ColumnValue]]])] = []
        while let batch = directory.nextEstablishment() { result.append((batch, activity.activity(for: batch).tables)) }
        return result
    }

    private func int(_ value: ColumnValue) -> Int? {
        if case .int(let n) = value { return Int(n) }
        return nil
    }

    private func text(_ value: ColumnValue) -> String {
        if case .text(let s) = value { return s }
        return ""
    }

    @Test("No teacher, class or room has two courses at the same time of the same day")
    func noClashes() {
        for (batch, tables) in activities() {
            // setup
            let courses = tables["timetable_courses"] ?? []
            let when = Dictionary(uniqueKeysWithValues: courses.map { (int($0[0])!, "\(int($0[3])!)@\(text($0[4]))") })
            // act
            func clashes(_ table: String, column: Int) -> Int {
                let keys = (tables[table] ?? []).compactMap { row in int(row[column]).map { "\($0)#\(when[int(row[1])!]!)" } }
                return keys.count - Set(keys).count
            }
            // check
            #expect(courses.count >= batch.teachingAssignments.count * 2 * 9 / 10, "\(batch.establishment.uai)")
            #expect(clashes("timetable_course_teachers", column: 2) == 0)
            #expect(clashes("timetable_course_rooms", column: 2) == 0)
            #expect(clashes("timetable_course_audiences", column: 2) == 0, "classes")
            #expect(clashes("timetable_course_audiences", column: 3) == 0, "groups")
            #expect(courses.allSatisfy { (1...5).contains(int($0[3])!) && !(int($0[3]) == 3 && text($0[4]) >= "12:00") })
        }
    }

    @Test("Courses run every school week but the holidays' (or every other one), from the rentrée to early July")
    func weeks() throws {
        // setup
        let (batch, tables) = try #require(activities().first)
        let calendar = GeneratedTimetable.calendar(of: SchoolYearRow(id: 1, name: Self.year, startsOn: Self.year.defaultStart,
                                                                     endsOn: Self.year.defaultStart.adding(days: 364), state: .current))
        let holidayWeeks = Set(calendar.holidays.flatMap { holiday in
            (calendar.week(of: holiday.startsOn.adding(days: 2))...calendar.week(of: holiday.endsOn)).map { $0 }
        })
        // act
        let masks = (tables["timetable_courses"] ?? []).map { TimetableWeeks(mask: UInt64(bitPattern: Int64(int($0[8])!))) }
        // check
        #expect(batch.teachingAssignments.count > 0)
        #expect(calendar.firstWeekMonday.iso == "2025-09-01" && calendar.endsOn.iso == "2026-07-03")
        #expect(holidayWeeks.count == 8)
        for weeks in masks {
            #expect(weeks.intersection(TimetableWeeks(holidayWeeks)).isEmpty)
            #expect(weeks.last ?? 0 <= calendar.weekCount)
            #expect(weeks.count == calendar.weekCount - 8 || weeks.count == (calendar.weekCount - 8) / 2)
        }
        #expect(masks.filter { $0.count == calendar.weekCount - 8 }.count > masks.count * 8 / 10)
    }

    @Test("Most establishments take their groups from the feed; one in five from the software, one in ten from the ENT")
    func modes() {
        // act
        let modes = (1...100).map(GeneratedTimetable.mode(ofEstablishment:))
        // check
        #expect(modes.filter { $0 == .software }.count == 20)
        #expect(modes.filter { $0 == .ent }.count == 10)
        #expect(modes.filter { $0 == .feed }.count == 70)
    }

    @Test("In mode 2 the timetable's early July ends every class membership; elsewhere nobody leaves early")
    func modeTwoEnds() {
        // setup
        var directory = AcademyGenerator(preset: .small, seed: 3, yearName: Self.year)
        let activity = ActivityGenerator(seed: 3, year: directory.year, subjects: directory.subjects)
        var batches: [EstablishmentBatch] = []
        while let batch = directory.nextEstablishment() { batches.append(batch) }
        let end = GeneratedTimetable.calendar(of: directory.year).endsOn
        // act
        let left = batches.map(activity.directory)
        // check
        #expect(left.contains { GeneratedTimetable.mode(ofEstablishment: $0.establishment.id) == .software })
        for (before, after) in zip(batches, left) {
            let software = GeneratedTimetable.mode(ofEstablishment: before.establishment.id) == .software
            #expect(before.classMemberships.allSatisfy { $0.endsOn == nil })
            #expect(after.classMemberships.allSatisfy { $0.endsOn == (software ? end : nil) })
            #expect(after.classMemberships.count == before.classMemberships.count)
        }
    }
}
