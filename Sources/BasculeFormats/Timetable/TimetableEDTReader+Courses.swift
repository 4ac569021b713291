import BasculeDomain

/// EDT courses: each teacher, class, group and room of a course carries its own weeks, so one
/// `Cours` becomes one `TimetableCourse` per distinct set of people and rooms over the weeks.
extension TimetableEDTReader {
    private enum Role { case teacher, schoolClass, group, room }

    private struct Item {
        var role: Role
        var key: String
        var weeks: TimetableWeeks
    }

    func readCourses(_ root: TimetableXMLNode, calendar: TimetableCalendar,
                     slots: [TimetableSlot]) throws(TimetableFileError) -> [TimetableCourse] {
        // The first `Cours` is the container of the others: the schema gives both the same name.
        let nodes = root.children(named: "Cours").flatMap { $0.children(named: "Cours") }
        guard nodes.count <= limits.maxCourses else {
            throw fail(root.child(named: "Cours")!, "plus de \(limits.maxCourses) cours (limite maxCourses)")
        }
        let places = Dictionary(slots.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let year = TimetableWeeks.through(calendar.weekCount)
        var courses: [TimetableCourse] = []
        for (index, node) in nodes.enumerated() {
            courses += try course(node, number: index + 1, places: places, year: year, calendar: calendar)
        }
        guard courses.count <= limits.maxCourses else {
            throw fail(root, "plus de \(limits.maxCourses) cours une fois les semaines séparées (limite maxCourses)")
        }
        return courses
    }

    private func course(_ node: TimetableXMLNode, number: Int, places: [Int: TimetableSlot], year: TimetableWeeks,
                        calendar: TimetableCalendar) throws(TimetableFileError) -> [TimetableCourse] {
        guard let day = node.attribute("Jour").flatMap({ Int($0) }), (1...7).contains(day) else {
            throw fail(node, "cours n° \(number)\u{00A0}: jour « \(node.attribute("Jour") ?? "") » invalide (attendu 1 à 7)")
        }
        guard let first = node.attribute("NumeroPlaceDebut").flatMap({ Int($0) }),
              let count = node.attribute("NombrePlaces").flatMap({ Int($0) }), count >= 1 else {
            throw fail(node, "cours n° \(number)\u{00A0}: place de début ou nombre de places illisible")
        }
        let last = first + count - 1
        guard let start = places[first], let end = places[last] else {
            let missing = places[first] == nil ? first : last
            throw fail(node, "cours n° \(number) sur la place \(missing), qui n'existe pas dans la grille horaire")
        }
        let cancelled = try weeks(node, "SemainesAnnulation", number: number, year: year, calendar: calendar) ?? TimetableWeeks(mask: 0)
        var items: [Item] = []
        for child in node.children {
            let role: Role
            switch child.name {
            case "Professeur": role = .teacher
            case "Classe": role = .schoolClass
            case "Groupe", "PartieDeClasse": role = .group
            case "Salle": role = .room
            default: continue
            }
            let ident = try required(child, "Ident")
            let key = child.name == "PartieDeClasse" ? Self.partKey(ident) : ident
            // An item without weeks is there all year, as the schema makes the attribute optional.
            let active = try weeks(child, "Semaines", number: number, year: year, calendar: calendar) ?? year
            items.append(Item(role: role, key: key, weeks: active.subtracting(cancelled)))
        }
        let subject = node.child(named: "Matiere")?.attribute("Ident")
        let origin = "Cours n° \(number) (ligne \(node.line))"
        // Weeks that share the same items make one course.
        var byItems: [[Int]: TimetableWeeks] = [:]
        var order: [[Int]] = []
        for week in items.reduce(TimetableWeeks(mask: 0), { $0.union($1.weeks) }).weeks {
            let present = items.indices.filter { items[$0].weeks.contains(week) }
            if byItems[present] == nil { order.append(present) }
            byItems[present, default: TimetableWeeks(mask: 0)].formUnion(TimetableWeeks([week]))
        }
        return order.map { present in
            let chosen = present.map { items[$0] }
            func keys(_ role: Role) -> [String] { chosen.filter { $0.role == role }.map(\.key) }
            return TimetableCourse(day: day, startsAt: start.startsAt, endsAt: end.endsAt, subjectKey: subject,
                                   teacherKeys: keys(.teacher), classKeys: keys(.schoolClass), groupKeys: keys(.group),
                                   roomKeys: keys(.room), weeks: byItems[present]!, origin: origin)
        }
    }

    /// `Semaines` is a decimal 64-bit mask, bit i = school week i; a bit past the year's last week
    /// would place a course on a date the year does not have.
    private func weeks(_ node: TimetableXMLNode, _ attribute: String, number: Int, year: TimetableWeeks,
                       calendar: TimetableCalendar) throws(TimetableFileError) -> TimetableWeeks? {
        guard let text = node.attribute(attribute), !text.isEmpty else { return nil }
        guard let mask = UInt64(text) else {
            throw fail(node, "cours n° \(number)\u{00A0}: semaines « \(text) » illisibles (attendu un entier)")
        }
        let weeks = TimetableWeeks(mask: mask)
        let beyond = weeks.subtracting(year)
        guard beyond.isEmpty else {
            throw fail(node, "cours n° \(number)\u{00A0}: semaine \(beyond.weeks.first!) au-delà de l'année, "
                + "qui compte \(calendar.weekCount) semaines")
        }
        return weeks
    }
}
