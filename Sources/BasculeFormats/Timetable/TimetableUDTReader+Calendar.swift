import BasculeDomain

/// UDT's year (`UDCal_24`, `UDCal_00`) and its publication periods (`semaines.xml`). UDT counts
/// in ISO weeks; `TimetableCourse.weeks` counts school weeks from week 1's Monday.
struct TimetableUDTYear {
    let calendar: TimetableCalendar
    /// School weeks that start a publication period, sorted, the first being 1.
    let periodStarts: [Int]
    private let closedDays: Set<Int>

    init(calendarFile file: TimetableUDTFile, parameters: TimetableUDTFile, weeks: TimetableUDTFile?) throws(TimetableFileError) {
        func date(_ name: String) throws(TimetableFileError) -> CalendarDate {
            guard let node = try file.entities(name).first else { throw file.fail(file.root, "élément \(name) absent") }
            return try Self.date(node.text.trimmingCharacters(in: .whitespacesAndNewlines), in: file, node)
        }
        let start = try date("debut_eleve"), end = try date("fin_eleve")
        guard start < end else { throw file.fail(file.root, "l'année se termine (\(end)) avant de commencer (\(start))") }
        guard let initNode = try parameters.entities("init").first,
              let isoWeek = initNode.attribute("premiere_semaine_ISO").flatMap({ Int($0) }), (1...53).contains(isoWeek) else {
            throw parameters.fail(parameters.root, "élément init sans premiere_semaine_ISO lisible (1 à 53)")
        }
        // Week 1 is that ISO week in the year school starts (EC: `withWeekOfWeekyear` on debut_eleve).
        guard let monday = try? CalendarDate.monday(isoWeek: isoWeek, of: start.year), abs(monday.dayNumber - start.dayNumber) <= 14 else {
            throw parameters.fail(initNode, "la semaine ISO \(isoWeek) de \(start.year), première semaine, "
                + "est loin du début des cours (\(start))")
        }
        var holidays: [TimetableHoliday] = []
        var closed = Set<Int>()
        for node in try file.entities("fermeture") {
            let from = try Self.date(node.attribute("debut") ?? "", in: file, node)
            let to = try Self.date(node.attribute("fin") ?? "", in: file, node)
            guard from <= to else { throw file.fail(node, "fermeture du \(from) au \(to)\u{00A0}: la fin précède le début") }
            holidays.append(TimetableHoliday(startsOn: from, endsOn: to, label: node.attribute("libelle") ?? "Fermeture"))
            // Clipped to the year: a closure over centuries would otherwise fill memory day by day.
            let low = max(from.dayNumber, start.dayNumber), high = min(to.dayNumber, end.dayNumber)
            if low <= high { closed.formUnion(low...high) }
        }
        calendar = TimetableCalendar(startsOn: start, endsOn: end, firstWeekMonday: monday, holidays: holidays)
        guard calendar.weekCount <= TimetableWeeks.maxWeek else {
            throw file.fail(file.root, "l'année compte \(calendar.weekCount) semaines, "
                + "plus que les \(TimetableWeeks.maxWeek) qu'un export peut décrire")
        }
        closedDays = closed
        var starts: Set<Int> = [1]
        for node in try weeks?.entities("semaine") ?? [] {
            guard let number = node.attribute("num").flatMap({ Int($0) }), (1...53).contains(number) else {
                throw weeks!.fail(node, "semaine sans numéro ISO lisible (attribut num, 1 à 53)")
            }
            starts.insert(Self.schoolWeek(isoWeek: number, calendar: calendar))
        }
        let weekCount = calendar.weekCount
        periodStarts = starts.filter { (1...weekCount).contains($0) }.sorted()
    }

    private static func date(_ text: String, in file: TimetableUDTFile, _ node: TimetableXMLNode) throws(TimetableFileError) -> CalendarDate {
        do { return try CalendarDate(timetable: text) } catch {
            throw file.fail(node, "date « \(text) » illisible dans \(node.name) (attendu JJ/MM/AAAA)")
        }
    }

    /// An ISO week number means the autumn's week when it is not before week 1's, else the next
    /// year's: a school year spans two calendar years, 52 or 53 weeks each.
    static func schoolWeek(isoWeek: Int, calendar: TimetableCalendar) -> Int {
        let first = calendar.firstWeekMonday
        let sameYear = (try? CalendarDate.monday(isoWeek: isoWeek, of: first.adding(days: 3).year)) ?? first
        let monday = sameYear < first ? (try? CalendarDate.monday(isoWeek: isoWeek, of: first.adding(days: 3).year + 1)) ?? first : sameYear
        return calendar.week(of: monday)
    }

    /// The weeks of the period that starts at school week `start`.
    func period(startingAt start: Int) -> TimetableWeeks {
        let next = periodStarts.first { $0 > start } ?? calendar.weekCount + 1
        return TimetableWeeks(start..<next)
    }

    /// Whether a course on `day` of school `week` is held: not on a closure, not outside the students' year.
    func isOpen(week: Int, day: Int) -> Bool {
        let date = calendar.date(week: week, day: day)
        return date >= calendar.startsOn && date <= calendar.endsOn && !closedDays.contains(date.dayNumber)
    }

    /// `ele_gpe@semaines`: bit i (from 0) = ISO week i + 1. Each run of weeks in the group is one
    /// membership, a closed week (no open weekday) bridging a run rather than breaking it; none
    /// set (empty, "0") is the whole year, as EC reads it.
    func spans(_ text: String?, file: TimetableUDTFile,
               _ node: TimetableXMLNode) throws(TimetableFileError) -> [(start: CalendarDate?, end: CalendarDate?)] {
        guard let text, !text.isEmpty, text != "0" else { return [(nil, nil)] }
        guard let mask = UInt64(text) else { throw file.fail(node, "semaines « \(text) » illisibles (attendu un entier)") }
        var runs: [ClosedRange<Int>] = []
        var current: ClosedRange<Int>?
        for week in 1...calendar.weekCount {
            let iso = calendar.date(week: week, day: 1).isoWeek
            if mask & (1 << UInt64(iso - 1)) != 0 {
                current = (current?.lowerBound ?? week)...week
            } else if current != nil, !(1...5).contains(where: { isOpen(week: week, day: $0) }) {
                continue
            } else if let run = current {
                runs.append(run)
                current = nil
            }
        }
        if let current { runs.append(current) }
        return runs.map { run in
            (max(calendar.date(week: run.lowerBound, day: 1), calendar.startsOn),
             min(calendar.date(week: run.upperBound, day: 7), calendar.endsOn))
        }
    }
}
