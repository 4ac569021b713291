import BasculeDomain

/// UDT courses: a `ligfiche` (`_12`, `_12_WW`) is one half-sequence of one course, placed by
/// its `fiche` (`_11`) on a day and a half-sequence (`_07`); consecutive lines of the same
/// course are merged into one.
extension TimetableUDTReader {
    struct Grid {
        /// "day-halfSequence-site" → times.
        var slots: [String: TimetableSlot] = [:]
        /// fiche code → day and slot key.
        var fiches: [String: (day: Int, slot: String)] = [:]
    }

    /// Entries the courses may name: a reference to anything else is left out of the course.
    struct Known {
        var teachers: Set<String>, subjects: Set<String>, rooms: Set<String>, classes: Set<String>, groups: Set<String>
    }

    private struct Line {
        var code: String, number: Int, day: Int, slot: TimetableSlot, node: TimetableXMLNode
    }

    func readGrid(halfSequences: TimetableUDTFile, fiches: TimetableUDTFile, parameters: TimetableUDTFile) throws(TimetableFileError) -> Grid {
        var grid = Grid()
        // `duree_seq` is a sequence; half of it ends a half-sequence whose `hre_fin` is empty.
        let half = try parameters.entities("init").first?.attribute("duree_seq").flatMap { Int($0) }.map { $0 / 2 }
        for node in try halfSequences.entities("demi_seq") {
            guard let day = node.attribute("code_jour").flatMap({ Int($0) }), let number = node.attribute("code").flatMap({ Int($0) }) else {
                throw halfSequences.fail(node, "demi-séquence sans code_jour ou code numérique")
            }
            guard let start = Self.time(node.attribute("hre_deb")),
                  let end = Self.time(node.attribute("hre_fin")) ?? half.map({ TimeOfDay(minutes: start.minutes + $0) }), start < end else {
                throw halfSequences.fail(node, "demi-séquence \(number) du jour \(day) sans heures lisibles "
                    + "(hre_deb, hre_fin en HH:MM ou HHhMM)")
            }
            grid.slots["\(day)-\(number)-\(node.attribute("code_site") ?? "")"] = TimetableSlot(number: number, startsAt: start, endsAt: end)
        }
        for node in try fiches.entities("fiche") {
            let code = try required(fiches, node, "code")
            guard let day = node.attribute("jour").flatMap({ Int($0) }), (1...7).contains(day),
                  let half = node.attribute("demi_seq").flatMap({ Int($0) }) else {
                throw fiches.fail(node, "fiche \(code) sans jour (1 à 7) ou demi-séquence lisible")
            }
            grid.fiches[code] = (day, "\(day)-\(half)-\(node.attribute("site") ?? "")")
        }
        return grid
    }

    /// "08:30", "08:30:00" or "08h30".
    private static func time(_ text: String?) -> TimeOfDay? {
        text.flatMap { TimeOfDay(text: $0.replacingOccurrences(of: "h", with: ":")) }
    }

    func readCourses(_ file: TimetableUDTFile, coTeachers: TimetableUDTFile?, weeks: TimetableWeeks, year: TimetableUDTYear,
                     grid: Grid, known: Known) throws(TimetableFileError) -> (courses: [TimetableCourse], withoutDivision: Int) {
        var extra: [String: [String]] = [:]
        for node in try coTeachers?.entities("coens") ?? [] {
            if let line = node.attribute("lignefic"), let teacher = node.attribute("prof") { extra[line, default: []].append(teacher) }
        }
        var byCourse: [String: [Line]] = [:], order: [String] = [], withoutDivision = 0
        for node in try file.entities("ligfiche") {
            let code = try required(file, node, "code")
            // EC reads no line without a division: they are placeholders of UDT's grid.
            guard node.attribute("div")?.isEmpty == false else { withoutDivision += 1; continue }
            guard let number = Int(code.prefix(3)) else {
                throw file.fail(node, "ligne de fiche « \(code) »\u{00A0}: code sans numéro (3 chiffres)")
            }
            let fiche = try required(file, node, "fic")
            guard let place = grid.fiches[fiche] else {
                throw file.fail(node, "ligne de fiche « \(code) »\u{00A0}: fiche « \(fiche) » absente de UDCal_11")
            }
            guard let slot = grid.slots[place.slot] else {
                throw file.fail(node, "ligne de fiche « \(code) »\u{00A0}: demi-séquence \(place.slot) absente de UDCal_07")
            }
            let key = ["div", "mat", "prof", "rgpmt", "gpe"].map { node.attribute($0) ?? "" }.joined(separator: "|")
            if byCourse[key] == nil { order.append(key) }
            byCourse[key, default: []].append(Line(code: code, number: number, day: place.day, slot: slot, node: node))
        }
        var courses: [TimetableCourse] = []
        for key in order {
            var run: [Line] = []
            for line in byCourse[key]!.sorted(by: { $0.code < $1.code }) {
                if let last = run.last, last.number + 1 != line.number || last.day != line.day {
                    courses += try course(run, file: file, extra: extra, weeks: weeks, year: year, known: known)
                    run = []
                }
                run.append(line)
            }
            courses += try course(run, file: file, extra: extra, weeks: weeks, year: year, known: known)
            guard courses.count <= limits.maxCourses else {
                throw file.fail(file.root, "plus de \(limits.maxCourses) cours (limite maxCourses)")
            }
        }
        return (courses, withoutDivision)
    }

    private func course(_ run: [Line], file: TimetableUDTFile, extra: [String: [String]], weeks: TimetableWeeks,
                        year: TimetableUDTYear, known: Known) throws(TimetableFileError) -> [TimetableCourse] {
        guard let first = run.first, let last = run.last else { return [] }
        guard first.slot.startsAt < last.slot.endsAt else {
            throw file.fail(first.node, "lignes de fiche \(first.code) à \(last.code)\u{00A0}: la dernière demi-séquence "
                + "finit (\(last.slot.endsAt)) avant que la première ne commence (\(first.slot.startsAt))")
        }
        let held = TimetableWeeks(weeks.weeks.filter { year.isOpen(week: $0, day: first.day) })
        guard !held.isEmpty else { return [] }
        func value(_ name: String, in set: Set<String>) -> [String] { first.node.attribute(name).map { set.contains($0) ? [$0] : [] } ?? [] }
        var teachers = value("prof", in: known.teachers)
        for teacher in run.flatMap({ extra[$0.code] ?? [] }) where known.teachers.contains(teacher) && !teachers.contains(teacher) {
            teachers.append(teacher)
        }
        let division = first.node.attribute("div") ?? ""
        let group = first.node.attribute("gpe").flatMap { $0.isEmpty ? nil : Self.groupKey(division: division, code: $0) }
        let regroupement = first.node.attribute("rgpmt").flatMap { $0.isEmpty || $0 == "0" ? nil : Self.regroupementKey($0) }
        let groups = [group, regroupement].compactMap { $0 }.filter(known.groups.contains)
        // A line for a group names its division too; the whole division attends only when no group does.
        let classes = group == nil && regroupement == nil && known.classes.contains(division) ? [division] : []
        return [TimetableCourse(day: first.day, startsAt: first.slot.startsAt, endsAt: last.slot.endsAt,
                                subjectKey: value("mat", in: known.subjects).first, teacherKeys: teachers, classKeys: classes,
                                groupKeys: groups, roomKeys: value("salle", in: known.rooms), weeks: held,
                                origin: "ligne de fiche \(first.code) (\(file.entry), ligne \(first.node.line))")]
    }
}
