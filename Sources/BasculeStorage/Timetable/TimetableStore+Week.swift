import BasculeDomain
import SQLKit

extension TimetableStore {
    /// The week that contains `date`, for `target`.
    public func week(of target: TimetableTarget, in establishmentID: Int, containing date: CalendarDate,
                     yearID asked: Int? = nil) async throws -> TimetableWeek {
        try await checkReads(target, in: establishmentID)
        let yearID = try yearID(asked, in: establishmentID)
        try TimetableCalendar.checkBrowsable(date, field: "semaine")
        let monday = date.mondayOfWeek
        let title = try await title(of: target, in: establishmentID)
        guard let calendar = try await calendar(establishmentID: establishmentID, yearID: yearID) else {
            return TimetableWeek(title: title, monday: monday, schoolWeek: nil, occurrences: [], holidays: [],
                                 isWithoutCourses: false, hasTimetable: false)
        }
        let week = calendar.week(of: monday)
        let inYear = (1...TimetableWeeks.maxWeek).contains(week) && monday <= calendar.endsOn
            && monday.adding(days: 6) >= calendar.startsOn
        let bit = inYear ? Int64(bitPattern: 1 << UInt64(week)) : 0
        let place: SQLQueryString = """
            c.establishment_id = \(bind: establishmentID) AND c.school_year_id = \(bind: yearID) \
            AND (c.weeks & \(bind: bit)) <> 0
            """
        struct Row: Decodable { let id: Int; let day: Int; let starts_at: String; let ends_at: String
                                let label: String?; let code: String? }
        let rows = inYear ? try await sql.raw("""
            SELECT c.id, c.day, c.starts_at, c.ends_at, s.label, s.code FROM timetable_courses c
            LEFT JOIN timetable_subjects s ON s.id = c.timetable_subject_id
            WHERE \(place) AND \(filter(target))
            ORDER BY c.day, c.starts_at, c.id
            """).all(decoding: Row.self) : []
        let names = try await details(of: rows.map(\.id))
        let occurrences = rows.map { row in
            TimetableWeek.Occurrence(
                courseID: row.id, date: calendar.date(week: week, day: row.day),
                startsAt: TimeOfDay(text: row.starts_at) ?? TimeOfDay(minutes: 0),
                endsAt: TimeOfDay(text: row.ends_at) ?? TimeOfDay(minutes: 0), subject: row.label, subjectCode: row.code,
                teachers: names.teachers[row.id] ?? [], audiences: names.audiences[row.id] ?? [], rooms: names.rooms[row.id] ?? [])
        }
        let anyCourse = inYear ? try await sql.raw("SELECT COUNT(*) AS n FROM timetable_courses c WHERE \(place)")
            .first(decodingColumn: "n", as: Int.self) ?? 0 : 0
        return TimetableWeek(title: title, monday: monday, schoolWeek: inYear ? week : nil, occurrences: occurrences,
                             holidays: try await holidays(establishmentID: establishmentID, yearID: yearID, monday: monday),
                             isWithoutCourses: inYear && anyCourse == 0, hasTimetable: true)
    }

    private func filter(_ target: TimetableTarget) -> SQLQueryString {
        switch target {
        case .schoolClass(let id):
            return """
                c.id IN (SELECT course_id FROM timetable_course_audiences WHERE class_id = \(bind: id) OR group_id IN \
                (SELECT g.group_id FROM group_memberships g JOIN class_memberships m ON m.account_id = g.account_id \
                WHERE m.class_id = \(bind: id)))
                """
        case .group(let id):
            return "c.id IN (SELECT course_id FROM timetable_course_audiences WHERE group_id = \(bind: id))"
        case .teacher(let id):
            return "c.id IN (SELECT course_id FROM timetable_course_teachers WHERE teacher_id = \(bind: id))"
        case .room(let id):
            return "c.id IN (SELECT course_id FROM timetable_course_rooms WHERE room_id = \(bind: id))"
        case .student(let id):
            return """
                c.id IN (SELECT course_id FROM timetable_course_audiences WHERE \
                class_id IN (SELECT class_id FROM class_memberships WHERE account_id = \(bind: id)) \
                OR group_id IN (SELECT group_id FROM group_memberships WHERE account_id = \(bind: id)))
                """
        }
    }

    private struct Names {
        var teachers: [Int: [String]] = [:]
        var audiences: [Int: [String]] = [:]
        var rooms: [Int: [String]] = [:]
    }

    private func details(of courseIDs: [Int]) async throws -> Names {
        var names = Names()
        guard !courseIDs.isEmpty else { return names }
        struct Row: Decodable { let course_id: Int; let name: String }
        for chunk in courseIDs.chunked(500) {
            for row in try await sql.raw("""
                SELECT t.course_id, a.first_name || ' ' || a.last_name AS name FROM timetable_course_teachers t
                JOIN accounts a ON a.id = t.teacher_id WHERE t.course_id IN (\(binds: chunk)) ORDER BY a.last_name, a.first_name
                """).all(decoding: Row.self) { names.teachers[row.course_id, default: []].append(row.name) }
            for row in try await sql.raw("""
                SELECT a.course_id, COALESCE(cl.code, g.name) AS name FROM timetable_course_audiences a
                LEFT JOIN classes cl ON cl.id = a.class_id LEFT JOIN groups g ON g.id = a.group_id
                WHERE a.course_id IN (\(binds: chunk)) ORDER BY 2
                """).all(decoding: Row.self) { names.audiences[row.course_id, default: []].append(row.name) }
            for row in try await sql.raw("""
                SELECT r.course_id, m.name FROM timetable_course_rooms r JOIN timetable_rooms m ON m.id = r.room_id
                WHERE r.course_id IN (\(binds: chunk)) ORDER BY m.name
                """).all(decoding: Row.self) { names.rooms[row.course_id, default: []].append(row.name) }
        }
        return names
    }

    private func holidays(establishmentID: Int, yearID: Int, monday: CalendarDate) async throws -> [TimetableHoliday] {
        struct Row: Decodable { let starts_on: String; let ends_on: String; let label: String }
        return try await sql.raw("""
            SELECT starts_on, ends_on, label FROM timetable_holidays
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
              AND starts_on <= \(bind: monday.adding(days: 6).iso) AND ends_on >= \(bind: monday.iso)
            ORDER BY starts_on
            """).all(decoding: Row.self).map {
            TimetableHoliday(startsOn: try CalendarDate(iso: $0.starts_on), endsOn: try CalendarDate(iso: $0.ends_on), label: $0.label)
        }
    }

    /// The target's name, found only in this establishment (an id of another one is not found).
    private func title(of target: TimetableTarget, in establishmentID: Int) async throws -> String {
        let row: SQLQueryString
        switch target {
        case .schoolClass(let id):
            row = "SELECT 'Classe ' || code AS name FROM classes WHERE id = \(bind: id) AND establishment_id = \(bind: establishmentID)"
        case .group(let id):
            row = "SELECT 'Groupe ' || name AS name FROM groups WHERE id = \(bind: id) AND establishment_id = \(bind: establishmentID)"
        case .teacher(let id), .student(let id):
            row = """
                SELECT first_name || ' ' || last_name AS name FROM accounts WHERE id = \(bind: id) AND EXISTS \
                (SELECT 1 FROM profiles p WHERE p.account_id = accounts.id AND p.establishment_id = \(bind: establishmentID))
                """
        case .room(let id):
            row = "SELECT 'Salle ' || name AS name FROM timetable_rooms WHERE id = \(bind: id) AND establishment_id = \(bind: establishmentID)"
        }
        guard let name = try await sql.raw(row).first(decodingColumn: "name", as: String.self) else {
            throw ServiceError.notFound(table: "timetable", id: target.id)
        }
        return name
    }
}

extension TimetableTarget {
    var id: Int {
        switch self {
        case .schoolClass(let id), .group(let id), .teacher(let id), .student(let id), .room(let id): id
        }
    }
}
