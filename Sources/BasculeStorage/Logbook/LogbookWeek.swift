import BasculeDomain

/// A teacher's week of the class logbook: the timetable's occurrences of their courses, each
/// with the session already filled for it, or none yet.
public struct LogbookWeek: Sendable {
    public struct Entry: Sendable {
        public let occurrence: TimetableWeek.Occurrence
        /// A course taught to several classes or groups has one row per audience (each class's
        /// students read theirs), all with the same content: this is the first of them.
        public let session: ServiceRecord?
    }

    public let establishmentID: Int
    public let timetable: TimetableWeek
    public let entries: [Entry]
}

extension TimetableWeek.Occurrence {
    /// The logbook's `slot`: the occurrence's times as "HH:MM-HH:MM" ("08:00-09:00"). With the
    /// date (`held_on`), the class or group and the subject, it ties a session to its course.
    public var logbookSlot: String { "\(startsAt)-\(endsAt)" }
}

/// What the logbook needs of a course that the timetable's week does not show: where it
/// belongs, its directory subject, and its audiences by id.
struct LogbookCourse {
    let establishmentID: Int
    let yearID: Int
    let subjectID: Int?
    var classIDs: [Int] = []
    var groupIDs: [Int] = []

    /// Whether a logbook row is the session of this course's occurrence.
    func isSession(_ record: ServiceRecord, of occurrence: TimetableWeek.Occurrence) -> Bool {
        record["held_on"] == .text(occurrence.date.iso) && record["slot"] == .text(occurrence.logbookSlot)
            && record["subject_id"]?.int == subjectID
            && (record["class_id"]?.int.map(classIDs.contains) == true || record["group_id"]?.int.map(groupIDs.contains) == true)
    }

    /// The fields of the sessions an occurrence's filling writes: one per audience.
    func sessionFields(of occurrence: TimetableWeek.Occurrence, content: String) -> [ServiceRecord] {
        let audiences = classIDs.map { ("class_id", $0) } + groupIDs.map { ("group_id", $0) }
        return audiences.map { column, id in
            [column: .int(id), "subject_id": subjectID.map(ServiceCell.int) ?? .null, "held_on": .text(occurrence.date.iso),
             "slot": .text(occurrence.logbookSlot), "content": .text(content)]
        }
    }
}
