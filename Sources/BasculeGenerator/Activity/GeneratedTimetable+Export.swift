import BasculeDomain
import BasculeFormats

/// A generated establishment's timetable as its software would export it, for the benchmark and
/// the tests that write it in the real format: the names, codes and birth dates of the feed
/// (what the import matches on), groups named by their code and made of class parts as EDT makes them.
public struct GeneratedTimetableExport: Sendable {
    public var export: TimetableExport
    /// For each teaching group, the class parts it is made of (one per class its students are in).
    public var groupParts: [String: [String]]

    /// The file the establishment's software would produce.
    public var writer: TimetableEDTWriter { TimetableEDTWriter(export, groupParts: groupParts) }
}

extension GeneratedTimetable {
    /// Students leave their classes and parts on the calendar's last day, as EDT writes it (the
    /// guide's trap for mode 2 establishments).
    public static func export(of batch: EstablishmentBatch, subjects: [SubjectRow], year: SchoolYearRow,
                              seed: UInt64) -> GeneratedTimetableExport {
        var rng = SeededRandom(seed: seed &+ UInt64(batch.establishment.id))
        let calendar = calendar(of: year)
        let accounts = Dictionary(uniqueKeysWithValues: batch.accounts.map { ($0.id, $0) })
        let groups = batch.groups.filter { $0.kind == .institutional }
        let groupIDs = Set(groups.map(\.id))
        let groupByID = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0) })
        let groupsOf = Dictionary(grouping: batch.groupMemberships.filter { groupIDs.contains($0.containerID) }, by: \.accountID)

        var parts: [String: (group: GroupRow, classID: Int)] = [:]
        var groupParts: [String: [String]] = [:]
        var students: [TimetablePerson] = []
        for membership in batch.classMemberships {
            guard let account = accounts[membership.accountID] else { continue }
            let classKey = "C\(membership.containerID)"
            var memberships = [TimetableMembership(target: .schoolClass(classKey), startsOn: calendar.startsOn, endsOn: calendar.endsOn)]
            for groupMembership in groupsOf[account.id] ?? [] {
                guard let group = groupByID[groupMembership.containerID] else { continue }
                let part = "partie-G\(group.id)-C\(membership.containerID)"
                if parts[part] == nil {
                    parts[part] = (group, membership.containerID)
                    groupParts["G\(group.id)", default: []].append(part)
                }
                memberships += [TimetableMembership(target: .group(part), startsOn: calendar.startsOn, endsOn: calendar.endsOn),
                                TimetableMembership(target: .group("G\(group.id)"), startsOn: calendar.startsOn, endsOn: calendar.endsOn)]
            }
            students.append(person("E\(account.id)", account, memberships: memberships))
        }
        let classCodes = Dictionary(uniqueKeysWithValues: batch.classes.map { ($0.id, $0.code) })
        let classOrder = Dictionary(uniqueKeysWithValues: batch.classes.enumerated().map { ($0.element.id, $0.offset) })
        // In the order EDT lists them: class by class.
        let partGroups = parts.sorted { (classOrder[$0.value.classID] ?? 0, $0.key) < (classOrder[$1.value.classID] ?? 0, $1.key) }
            .map { key, part in
            TimetableExportGroup(key: key, name: "\(part.group.code) (\(classCodes[part.classID] ?? ""))", classKey: "C\(part.classID)")
        }
        let teacherIDs = Set(batch.teachingAssignments.map(\.teacherID))
        let usedSubjects = Set(batch.teachingAssignments.map(\.subjectID))
        let rooms = (0..<max(8, batch.classes.count + batch.classes.count / 3)).map {
            TimetableRoom(key: "S\($0)", name: "Salle \(100 * ($0 / 20 + 1) + $0 % 20 + 1)")
        }
        let courses = courses(of: batch, groupIDs: groupIDs, rooms: rooms.count, calendar: calendar, rng: &rng)
        let export = TimetableExport(
            source: TimetableSource(software: .edt, version: "1.1"), uai: batch.establishment.uai.code, calendar: calendar,
            slots: slots.enumerated().map { TimetableSlot(number: $0.offset, startsAt: $0.element.startsAt, endsAt: $0.element.endsAt) },
            subjects: subjects.filter { usedSubjects.contains($0.id) }.map { TimetableExportSubject(key: "M\($0.id)", code: $0.code, label: $0.label) },
            teachers: batch.accounts.filter { teacherIDs.contains($0.id) }.map { person("P\($0.id)", $0) },
            classes: batch.classes.map { TimetableExportClass(key: "C\($0.id)", name: $0.code) },
            groups: partGroups + groups.map { TimetableExportGroup(key: "G\($0.id)", name: $0.code) },
            rooms: rooms, students: students, courses: courses, hasStudentMemberships: true)
        return GeneratedTimetableExport(export: export, groupParts: groupParts)
    }

    /// Two to four weekly courses per teaching assignment, where the teacher, the audience and a
    /// room are free; a few in alternate weeks.
    static func courses(of batch: EstablishmentBatch, groupIDs: Set<Int>, rooms: Int, calendar: TimetableCalendar,
                        rng: inout SeededRandom) -> [TimetableCourse] {
        var schedule = GeneratedSchedule(rooms: Array(0..<rooms))
        let allWeeks = schoolWeeks(of: calendar)
        var courses: [TimetableCourse] = []
        for assignment in batch.teachingAssignments where assignment.groupID.map(groupIDs.contains) ?? true {
            let audience = assignment.classID.map { -$0 } ?? assignment.groupID ?? 0
            for _ in 0..<rng.int(in: 2...4) {
                guard let placed = schedule.place(teacher: assignment.teacherID, audience: audience, rng: &rng) else { continue }
                let slot = slots[placed.slot]
                courses.append(TimetableCourse(
                    day: placed.day, startsAt: slot.startsAt, endsAt: slot.endsAt, subjectKey: "M\(assignment.subjectID)",
                    teacherKeys: ["P\(assignment.teacherID)"], classKeys: assignment.classID.map { ["C\($0)"] } ?? [],
                    groupKeys: assignment.groupID.map { ["G\($0)"] } ?? [], roomKeys: ["S\(placed.room)"],
                    weeks: rng.chance(0.06) ? alternate(allWeeks, odd: rng.chance(0.5)) : allWeeks,
                    origin: "Cours n° \(courses.count + 1)"))
            }
        }
        return courses
    }

    /// As EDT writes a person: the last name upper-case.
    static func person(_ key: String, _ account: AccountRow, memberships: [TimetableMembership] = []) -> TimetablePerson {
        TimetablePerson(key: key, lastName: account.lastName.uppercased(), firstName: account.firstName,
                        birthDate: account.birthDate, memberships: memberships)
    }
}
