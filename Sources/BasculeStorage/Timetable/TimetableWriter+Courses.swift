import BasculeDomain
import SQLKit

extension TimetableWriter {
    /// A weekly course as stored: what makes it this course (its signature) and its weeks.
    struct StoredCourse {
        var day: Int
        var startsAt: TimeOfDay
        var endsAt: TimeOfDay
        var timetableSubjectID: Int?
        var subjectID: Int?
        var teachers: [Int]
        var classes: [Int]
        var groups: [Int]
        var rooms: [Int]
        var weeks: TimetableWeeks

        /// Day, times, subject, teachers, audience and room, in a stable spelling: a course whose
        /// signature is unchanged keeps its row, and its past.
        var signature: String {
            func list(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: ",") }
            return "\(day)|\(startsAt)|\(endsAt)|\(timetableSubjectID.map(String.init) ?? "")|t\(list(teachers))"
                + "|c\(list(classes))|g\(list(groups))|r\(list(rooms))"
        }
    }

    /// Writes the courses: the weeks already past keep what the earlier imports wrote, the future
    /// weeks become the file's.
    func writeCourses(resolution: inout TimetableResolution, subjects: [String: Int], rooms: [String: Int],
                      groups: [String: Int]) async throws {
        var wanted: [String: StoredCourse] = [:]
        var occurrencesInFile = 0
        for course in export.courses {
            occurrencesInFile += course.weeks.count
            var classes = Set(course.classKeys.compactMap { resolution.classes[$0] })
            var groupIDs = Set<Int>()
            for key in course.groupKeys {
                if let id = groups[key] { groupIDs.insert(id) }
                if case .wholeClass(let classID) = resolution.groups[key] { classes.insert(classID) }
            }
            let stored = StoredCourse(
                day: course.day, startsAt: course.startsAt, endsAt: course.endsAt,
                timetableSubjectID: course.subjectKey.flatMap { subjects[$0] },
                subjectID: course.subjectKey.flatMap { resolution.subjectIDs[$0] },
                teachers: Set(course.teacherKeys.compactMap { resolution.teachers[$0] }).sorted(),
                classes: classes.sorted(), groups: groupIDs.sorted(),
                rooms: Set(course.roomKeys.compactMap { rooms[$0] }).sorted(), weeks: course.weeks)
            wanted[stored.signature, default: stored].weeks.formUnion(course.weeks)
        }
        resolution.report[.courses].inFile = export.courses.count
        resolution.report[.occurrences].inFile = occurrencesInFile

        struct Row: Decodable { let id: Int; let signature: String; let day: Int; let starts_at: String; let weeks: Int64 }
        let existing = try await sql.raw("""
            SELECT id, signature, day, starts_at, weeks FROM timetable_courses WHERE \(placeFilter)
            """).all(decoding: Row.self)
        var courses = resolution.report[.courses], occurrences = resolution.report[.occurrences]
        var changedWeeks: [(id: Int, weeks: TimetableWeeks)] = []
        var deleted: [Int] = []
        var kept = Set<String>()
        for row in existing {
            let old = TimetableWeeks(mask: UInt64(bitPattern: row.weeks))
            let startsAt = TimeOfDay(text: row.starts_at) ?? TimeOfDay(minutes: 0)
            let past = old.intersection(request.now.pastWeeks(day: row.day, startsAt: startsAt, in: export.calendar))
            let future = wanted[row.signature].map { $0.weeks.subtracting(request.now.pastWeeks(
                day: row.day, startsAt: startsAt, in: export.calendar)) } ?? TimetableWeeks(mask: 0)
            if wanted[row.signature] != nil { kept.insert(row.signature) }
            let new = past.union(future)
            occurrences.unchanged += new.intersection(old).count
            occurrences.created += new.subtracting(old).count
            occurrences.removed += old.subtracting(new).count
            if new == old {
                courses.unchanged += 1
            } else if new.isEmpty {
                deleted.append(row.id)
                courses.removed += 1
            } else {
                changedWeeks.append((row.id, new))
                if wanted[row.signature] == nil { courses.removed += 1 } else { courses.updated += 1 }
            }
        }
        var inserts: [StoredCourse] = []
        for (signature, course) in wanted.sorted(by: { $0.key < $1.key }) where !kept.contains(signature) {
            var course = course
            course.weeks = course.weeks.subtracting(request.now.pastWeeks(day: course.day, startsAt: course.startsAt,
                                                                          in: export.calendar))
            guard !course.weeks.isEmpty else { continue }
            inserts.append(course)
            courses.created += 1
            occurrences.created += course.weeks.count
        }
        resolution.report[.courses] = courses
        resolution.report[.occurrences] = occurrences
        for chunk in deleted.chunked(500) {
            try await sql.raw("DELETE FROM timetable_courses WHERE id IN (\(binds: chunk))").run()
        }
        try await updateWeeks(changedWeeks)
        try await insert(inserts)
    }

    private func updateWeeks(_ changes: [(id: Int, weeks: TimetableWeeks)]) async throws {
        for chunk in changes.chunked(300) {
            var cases = SQLQueryString("CASE id")
            for change in chunk { cases.appendInterpolation(unsafeRaw: " WHEN \(change.id) THEN \(Int64(bitPattern: change.weeks.mask))") }
            cases.appendLiteral(" END")
            try await sql.raw("UPDATE timetable_courses SET weeks = \(cases) WHERE id IN (\(binds: chunk.map(\.id)))").run()
        }
    }

    private func insert(_ courses: [StoredCourse]) async throws {
        guard !courses.isEmpty else { return }
        let bulk = BulkInserter(sql)
        try await bulk.insert(
            into: "timetable_courses",
            columns: ["establishment_id", "school_year_id", "day", "starts_at", "ends_at", "timetable_subject_id", "subject_id",
                      "weeks", "signature"],
            rows: courses.map {
                [.int(Int64(place.establishmentID)), .int(Int64(place.yearID)), .int(Int64($0.day)), .text($0.startsAt.description),
                 .text($0.endsAt.description), .optional($0.timetableSubjectID), .optional($0.subjectID),
                 .int(Int64(bitPattern: $0.weeks.mask)), .text($0.signature)]
            })
        let ids = try await idsByName("timetable_courses", column: "signature")
        var teachers: [[ColumnValue]] = [], audiences: [[ColumnValue]] = [], rooms: [[ColumnValue]] = []
        for course in courses {
            guard let id = ids[course.signature].map(Int64.init) else { continue }
            teachers += course.teachers.map { [.int(id), .int(Int64($0))] }
            audiences += course.classes.map { [.int(id), .int(Int64($0)), .null] } + course.groups.map { [.int(id), .null, .int(Int64($0))] }
            rooms += course.rooms.map { [.int(id), .int(Int64($0))] }
        }
        try await bulk.insert(into: "timetable_course_teachers", columns: ["course_id", "teacher_id"], rows: teachers)
        try await bulk.insert(into: "timetable_course_audiences", columns: ["course_id", "class_id", "group_id"], rows: audiences)
        try await bulk.insert(into: "timetable_course_rooms", columns: ["course_id", "room_id"], rows: rooms)
    }
}
