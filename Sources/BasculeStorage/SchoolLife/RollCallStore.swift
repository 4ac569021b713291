import BasculeDomain
import FluentKit
import SQLKit

/// The roll call (« l'appel ») of a course: a teacher's courses of a day from the timetable,
/// each course's sheet — its students, who was absent or late and why — and its entry. A
/// teacher takes the roll call of their own courses, from the day itself until the
/// establishment's deadline after the course (`roll_call_settings`); the school life office
/// corrects any sheet of the open year.
public struct RollCallStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let sheets = ServiceSchema.byName["roll_call_sheets"]!
    static let absences = ServiceSchema.byName["absences"]!

    public struct Course: Sendable, Equatable {
        public let occurrence: TimetableWeek.Occurrence
        /// When the roll call was taken, if it was.
        public let takenAt: String?

        public var slot: String { "\(occurrence.startsAt)-\(occurrence.endsAt)" }
    }

    public struct Student: Sendable, Equatable, Decodable {
        public let id: Int
        public let first_name: String
        public let last_name: String
        public var name: String { "\(last_name) \(first_name)" }
    }

    public struct Noted: Sendable, Equatable, Decodable {
        public let id: Int
        public let student_id: Int
        public let kind: String
        public let reason_id: Int?
        public let is_justified: Bool

        public var absenceKind: AbsenceKind { AbsenceKind(rawValue: kind) ?? .absence }
    }

    public struct Reason: Sendable, Equatable, Decodable {
        public let id: Int
        public let label: String
        public let is_justified: Bool
    }

    public struct Sheet: Sendable {
        public let course: Course
        public let students: [Student]
        /// What the sheet notes, by student.
        public let noted: [Int: Noted]
        public let reasons: [Reason]
        /// Until when the teacher may enter it, when the establishment set a deadline.
        public let deadline: String?
        public let mayWrite: Bool
    }

    /// A student's mark on the sheet: absent or late, with a reason or none.
    public struct Mark: Sendable, Equatable {
        public let kind: AbsenceKind
        public let reasonID: Int?

        public init(kind: AbsenceKind, reasonID: Int?) {
            self.kind = kind
            self.reasonID = reasonID
        }
    }

    /// The viewer's courses of a day, each with whether its roll call is taken.
    public func courses(on date: CalendarDate, in establishmentID: Int) async throws -> [Course] {
        guard viewer.kinds(in: establishmentID).contains(.teacher) else {
            throw ServiceError.forbidden("L'appel est fait par les enseignants de l'établissement, pour leurs cours.")
        }
        guard let year = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let week = try await TimetableStore(viewer: viewer, db: db).week(of: .teacher(viewer.accountID), in: establishmentID,
                                                                         containing: date, yearID: year.id)
        struct Row: Decodable { let slot: String; let taken_at: String? }
        let taken = try await db.sql.raw("""
            SELECT slot, taken_at FROM roll_call_sheets WHERE establishment_id = \(bind: establishmentID)
            AND school_year_id = \(bind: year.id) AND teacher_id = \(bind: viewer.accountID) AND held_on = \(bind: date.iso)
            """).all(decoding: Row.self)
        let takenAt = Dictionary(taken.map { ($0.slot, $0.taken_at) }, uniquingKeysWith: { first, _ in first })
        return week.occurrences(on: date).map { occurrence in
            let course = Course(occurrence: occurrence, takenAt: nil)
            return Course(occurrence: occurrence, takenAt: takenAt[course.slot] ?? nil)
        }
    }

    /// The sheet of one of the viewer's courses on a day.
    public func sheet(course courseID: Int, on date: CalendarDate, in establishmentID: Int, now: String) async throws -> Sheet {
        guard let course = try await courses(on: date, in: establishmentID).first(where: { $0.occurrence.courseID == courseID }) else {
            throw ServiceError.notFound(table: "timetable_courses", id: courseID)
        }
        let e = establishmentID
        let students = try await db.sql.raw("""
            SELECT a.id, a.first_name, a.last_name FROM accounts a
            WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id = \(bind: e) AND p.kind = \(ProfileKind.student))
            AND (a.id IN (SELECT m.account_id FROM class_memberships m JOIN timetable_course_audiences c ON c.class_id = m.class_id
                          WHERE c.course_id = \(bind: courseID))
                 OR a.id IN (SELECT m.account_id FROM group_memberships m JOIN timetable_course_audiences c ON c.group_id = m.group_id
                             WHERE c.course_id = \(bind: courseID)))
            ORDER BY a.last_name, a.first_name, a.id
            """).all(decoding: Student.self)
        guard let year = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let sheetID = try await self.sheetID(of: course, on: date, in: establishmentID, yearID: year.id, sql: db.sql)
        let noted = sheetID == nil ? [] : try await db.sql.raw("""
            SELECT id, student_id, kind, reason_id, is_justified FROM absences WHERE sheet_id = \(bind: sheetID!)
            """).all(decoding: Noted.self)
        let reasons = try await db.sql.raw("""
            SELECT id, label, is_justified FROM absence_reasons WHERE establishment_id = \(bind: e) ORDER BY label, id
            """).all(decoding: Reason.self)
        let deadline = try await self.deadline(of: course, on: date, in: establishmentID)
        let isLate = deadline.map { now > $0 } ?? false
        return Sheet(course: course, students: students, noted: Dictionary(noted.map { ($0.student_id, $0) }, uniquingKeysWith: { a, _ in a }),
                     reasons: reasons, deadline: deadline,
                     mayWrite: date.iso <= String(now.prefix(10)) && (!isLate || viewer.handlesSchoolLife(of: establishmentID)))
    }

    /// Enters the roll call: every student not in `marks` was present. Returns the sheet's id.
    @discardableResult
    public func take(course courseID: Int, on date: CalendarDate, marks: [Int: Mark], in establishmentID: Int,
                     now: String) async throws -> Int {
        let sheet = try await sheet(course: courseID, on: date, in: establishmentID, now: now)
        guard date.iso <= String(now.prefix(10)) else {
            throw ServiceError.forbidden("L'appel d'un cours se fait le jour du cours, pas à l'avance.")
        }
        guard sheet.mayWrite else {
            throw ServiceError.forbidden("Le délai de saisie de cet appel, fixé par l'établissement, est passé\u{A0}: adressez-vous à la vie scolaire.")
        }
        let roster = Set(sheet.students.map(\.id))
        let reasons = Dictionary(uniqueKeysWithValues: sheet.reasons.map { ($0.id, $0) })
        for (student, mark) in marks {
            guard roster.contains(student) else { throw ServiceError.invalid(field: "student_id", reason: "l'élève \(student) n'est pas de ce cours") }
            if let reason = mark.reasonID, reasons[reason] == nil {
                throw ServiceError.invalid(field: "reason_id", reason: "motif \(reason) inconnu dans l'établissement")
            }
        }
        guard let year = try await viewer.year(of: establishmentID, on: db) else { throw ServiceError.noCurrentYear }
        let course = sheet.course
        let audience = try await firstAudience(of: courseID)
        return try await db.transaction { tx in
            let sql = tx.sql
            let id: Int
            if let existing = try await sheetID(of: course, on: date, in: establishmentID, yearID: year.id, sql: sql) {
                id = existing
                try await sql.update("roll_call_sheets").set("taken_at", to: now).where("id", .equal, id).run()
            } else {
                id = try await sql.insert(into: "roll_call_sheets")
                    .columns("establishment_id", "school_year_id", "class_id", "group_id", "teacher_id", "held_on", "slot", "taken_at")
                    .values(SQLBind(establishmentID), SQLBind(year.id), SQLBind(audience.classID), SQLBind(audience.groupID),
                            SQLBind(viewer.accountID), SQLBind(date.iso), SQLBind(course.slot), SQLBind(now))
                    .returning("id").first(decodingColumn: "id", as: Int.self)!
            }
            let present = roster.subtracting(marks.keys)
            if !present.isEmpty {
                try await sql.raw("""
                    DELETE FROM absences WHERE sheet_id = \(bind: id) AND student_id IN (\(binds: present.sorted()))
                    """).run()
            }
            let starts = date.iso + "T\(course.occurrence.startsAt):00", ends = date.iso + "T\(course.occurrence.endsAt):00"
            var inserted = false
            let insert = sql.insert(into: "absences").columns("establishment_id", "school_year_id", "student_id", "sheet_id",
                                                               "reason_id", "starts_at", "ends_at", "is_justified", "kind")
            for (student, mark) in marks.sorted(by: { $0.key < $1.key }) {
                let justified = mark.reasonID.flatMap { reasons[$0]?.is_justified } ?? false
                if let noted = sheet.noted[student] {
                    // What the office settled (a justification) stays unless the teacher names another reason.
                    let update = sql.update("absences").set("kind", to: mark.kind.rawValue).where("id", .equal, noted.id)
                    if let reason = mark.reasonID, reason != noted.reason_id {
                        update.set("reason_id", to: reason).set("is_justified", to: justified)
                    }
                    try await update.run()
                } else {
                    insert.values(SQLBind(establishmentID), SQLBind(year.id), SQLBind(student), SQLBind(id), SQLBind(mark.reasonID),
                                  SQLBind(starts), SQLBind(ends), SQLBind(justified), SQLBind(mark.kind.rawValue))
                    inserted = true
                }
            }
            if inserted { try await insert.run() }
            return id
        }
    }

    private func sheetID(of course: Course, on date: CalendarDate, in establishmentID: Int, yearID: Int,
                         sql: any SQLDatabase) async throws -> Int? {
        try await sql.raw("""
            SELECT id FROM roll_call_sheets WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            AND teacher_id = \(bind: viewer.accountID) AND held_on = \(bind: date.iso) AND slot = \(bind: course.slot)
            ORDER BY id LIMIT 1
            """).first(decodingColumn: "id", as: Int.self)
    }

    private func firstAudience(of courseID: Int) async throws -> (classID: Int?, groupID: Int?) {
        struct Row: Decodable { let class_id: Int?; let group_id: Int? }
        let row = try await db.sql.raw("""
            SELECT class_id, group_id FROM timetable_course_audiences WHERE course_id = \(bind: courseID)
            ORDER BY CASE WHEN class_id IS NULL THEN 1 ELSE 0 END, id LIMIT 1
            """).first(decoding: Row.self)
        return (row?.class_id, row?.group_id)
    }

    /// The course's end plus the establishment's entry deadline, as an instant; nil without one.
    private func deadline(of course: Course, on date: CalendarDate, in establishmentID: Int) async throws -> String? {
        guard let minutes = try await db.sql.raw("""
            SELECT entry_deadline_minutes FROM roll_call_settings WHERE establishment_id = \(bind: establishmentID)
            """).first(decodingColumn: "entry_deadline_minutes", as: Int.self), minutes > 0 else { return nil }
        let end = course.occurrence.endsAt.minutes + minutes
        let day = date.adding(days: end / (24 * 60))
        return day.iso + "T\(TimeOfDay(minutes: end % (24 * 60))):00"
    }
}
