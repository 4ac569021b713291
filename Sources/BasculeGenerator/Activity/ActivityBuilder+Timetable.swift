import BasculeDomain

extension ActivityBuilder {
    /// The year's timetable as its last import would have left it: the calendar with the four
    /// holiday periods, eight slots, the subjects and rooms, and per teaching assignment two to
    /// four weekly courses placed where neither the class nor the teacher nor the room is busy
    /// (a few in alternate weeks, "semaine A / semaine B"); the establishment's mode; the
    /// teachers' software ids remembered from that import.
    mutating func addTimetable() {
        let mode = GeneratedTimetable.mode(ofEstablishment: roster.establishmentID)
        let calendar = GeneratedTimetable.calendar(of: year)
        add("timetable_settings", [establishment, schoolYear, .text(mode.rawValue), .null])
        add("timetable_calendars", [establishment, schoolYear, .text(calendar.startsOn.iso), .text(calendar.endsOn.iso),
                                    .text(calendar.firstWeekMonday.iso), .text(TimetableSoftware.edt.rawValue),
                                    .text("EDT 2020"), .text("1.1")])
        for holiday in calendar.holidays {
            add("timetable_holidays", [establishment, schoolYear, .text(holiday.startsOn.iso), .text(holiday.endsOn.iso),
                                       .text(holiday.label)])
        }
        for (number, slot) in GeneratedTimetable.slots.enumerated() {
            add("timetable_slots", [establishment, schoolYear, .number(number + 1), .text("\(slot.startsAt)"),
                                    .text("\(slot.endsAt)")])
        }
        var timetableSubjects: [Int: Int] = [:]
        for subjectID in Set(roster.teaching.map(\.subjectID)).sorted() {
            guard let subject = subjects[subjectID] else { continue }
            timetableSubjects[subjectID] = add("timetable_subjects", [establishment, schoolYear, .text(subject.code),
                                                                      .text(subject.label), .id(subjectID)])
        }
        let rooms = (0..<max(8, roster.classes.count + roster.classes.count / 3)).map { n in
            add("timetable_rooms", [establishment, schoolYear, .text("Salle \(100 * (n / 20 + 1) + n % 20 + 1)")])
        }
        var schedule = GeneratedSchedule(rooms: rooms)
        let allWeeks = GeneratedTimetable.schoolWeeks(of: calendar)
        for assignment in roster.teaching {
            let audience = assignment.classID.map { -$0 } ?? assignment.groupID ?? 0
            for _ in 0..<rng.int(in: 2...4) {
                guard let placed = schedule.place(teacher: assignment.teacherID, audience: audience, rng: &rng) else { continue }
                let slot = GeneratedTimetable.slots[placed.slot]
                let weeks = rng.chance(0.06) ? GeneratedTimetable.alternate(allWeeks, odd: rng.chance(0.5)) : allWeeks
                let subject = timetableSubjects[assignment.subjectID]
                let signature = "\(placed.day)|\(slot.startsAt)|\(slot.endsAt)|\(subject.map(String.init) ?? "")"
                    + "|t\(assignment.teacherID)|c\(assignment.classID.map(String.init) ?? "")"
                    + "|g\(assignment.groupID.map(String.init) ?? "")|r\(placed.room)"
                let course = add("timetable_courses", [establishment, schoolYear, .number(placed.day), .text("\(slot.startsAt)"),
                                                       .text("\(slot.endsAt)"), Self.id(subject), .id(assignment.subjectID),
                                                       .int(Int64(bitPattern: weeks.mask)), .text(signature)])
                add("timetable_course_teachers", [.id(course), .id(assignment.teacherID)])
                add("timetable_course_audiences", [.id(course), Self.id(assignment.classID), Self.id(assignment.groupID)])
                add("timetable_course_rooms", [.id(course), .id(placed.room)])
            }
        }
        for teacher in roster.teachers {
            add("timetable_person_ids", [establishment, .id(teacher), .text(TimetablePersonID.Kind.idpn.rawValue),
                                         .text("\(1_000_000 + teacher)")])
        }
        if let spelledOtherwise = roster.classes.first {
            add("timetable_mappings", [establishment, .text(TimetableMappingKind.schoolClass.rawValue),
                                       .text("\(spelledOtherwise.code) (EDT)"), .text(spelledOtherwise.code)])
        }
    }
}

/// The calendar, slots and modes every generated timetable shares.
public enum GeneratedTimetable {
    /// Eight slots of 55 minutes, with the morning and afternoon breaks.
    public static let slots: [(startsAt: TimeOfDay, endsAt: TimeOfDay)] = [
        (8, 0), (9, 0), (10, 10), (11, 10), (13, 30), (14, 30), (15, 40), (16, 40),
    ].map { TimeOfDay(minutes: $0.0 * 60 + $0.1) }.map { ($0, TimeOfDay(minutes: $0.minutes + 55)) }

    /// Holiday weeks, counted from the rentrée's week: Toussaint, Noël, hiver, printemps.
    static let holidayWeeks = [(8, "Vacances de la Toussaint"), (17, "Vacances de Noël"), (25, "Vacances d'hiver"),
                               (33, "Vacances de printemps")]
    static let weekCount = 44

    /// One establishment in five populates its groups in the timetable software (mode 2), one in
    /// ten in the ENT (mode 3); the others take them from the feed, as most do.
    public static func mode(ofEstablishment id: Int) -> TimetableMode {
        switch id % 10 {
        case 3, 7: .software
        case 5: .ent
        default: .feed
        }
    }

    /// From the rentrée to the Friday of the 44th week, early July.
    public static func calendar(of year: SchoolYearRow) -> TimetableCalendar {
        let monday = year.startsOn.mondayOfWeek
        let holidays = holidayWeeks.map { week, label in
            TimetableHoliday(startsOn: monday.adding(days: (week - 1) * 7 - 2), endsOn: monday.adding(days: (week + 1) * 7 - 1),
                             label: label)
        }
        return TimetableCalendar(startsOn: year.startsOn, endsOn: monday.adding(days: (weekCount - 1) * 7 + 4),
                                 firstWeekMonday: monday, holidays: holidays)
    }

    /// The weeks with courses: all but the holidays' two weeks each.
    static func schoolWeeks(of calendar: TimetableCalendar) -> TimetableWeeks {
        let off = Set(holidayWeeks.flatMap { [$0.0, $0.0 + 1] })
        return TimetableWeeks((1...calendar.weekCount).filter { !off.contains($0) })
    }

    static func alternate(_ weeks: TimetableWeeks, odd: Bool) -> TimetableWeeks {
        TimetableWeeks(weeks.weeks.enumerated().filter { ($0.offset % 2 == 0) == odd }.map(\.element))
    }
}

/// Who is busy when, while a timetable is laid out: a course goes where its teacher, its audience
/// (a class, or a group) and a room are all free; Wednesday afternoon stays free.
struct GeneratedSchedule {
    struct Placement { let day: Int; let slot: Int; let room: Int }

    let rooms: [Int]
    private var busy: Set<String> = []

    init(rooms: [Int]) { self.rooms = rooms }

    mutating func place(teacher: Int, audience: Int, rng: inout SeededRandom) -> Placement? {
        for _ in 0..<40 {
            let day = rng.int(in: 1...5), slot = rng.int(in: 0...(day == 3 ? 3 : 7))
            let when = "\(day).\(slot)"
            guard !busy.contains("t\(teacher)@\(when)"), !busy.contains("a\(audience)@\(when)") else { continue }
            let start = rng.int(in: 0...(rooms.count - 1))
            guard let room = (0..<rooms.count).map({ rooms[(start + $0) % rooms.count] })
                .first(where: { !busy.contains("r\($0)@\(when)") }) else { continue }
            busy.formUnion(["t\(teacher)@\(when)", "a\(audience)@\(when)", "r\(room)@\(when)"])
            return Placement(day: day, slot: slot, room: room)
        }
        return nil
    }
}
