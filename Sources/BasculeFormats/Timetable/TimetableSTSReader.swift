import BasculeDomain
import Foundation

/// STS-Web `emp_sts` (root `EDT_STS`), the services EDT and UDT send up to STS-Web: the only
/// clear timetable an EDT school can give without a partnership with Index Education. It holds
/// no student and no membership; the `sts_emp` companion (root `STS_EDT`), when given, names the
/// teachers and subjects its codes stand for and gives the year's dates.
struct TimetableSTSReader {
    let fileName: String
    let limits: TimetableLimits

    func fail(_ node: TimetableXMLNode, _ reason: String) -> TimetableFileError {
        TimetableFileError(fileName: fileName, location: .line(node.line), reason: reason)
    }

    func read(_ root: TimetableXMLNode, companion: TimetableXMLNode?,
              companionName: String? = nil) throws(TimetableFileError) -> TimetableExport {
        let uai = root.text(at: "PARAMETRES", "UAJ")
        let people = try companion.map { node throws(TimetableFileError) in
            try TimetableSTSCompanion(node, fileName: companionName ?? "sts_emp.xml", uai: uai, limits: limits)
        }
        let calendar: TimetableCalendar
        if let stated = people?.calendar {
            // A companion of last year would name teachers who have since left.
            if let year = root.text(at: "PARAMETRES", "ANNEE_SCOLAIRE").flatMap({ Int($0) }), year != stated.startsOn.year {
                throw fail(root.child(named: "PARAMETRES") ?? root, "le fichier est pour l'année \(year)-\(year + 1), "
                    + "le fichier sts_emp pour celle qui commence le \(stated.startsOn)")
            }
            calendar = stated
        } else {
            calendar = try readCalendar(root)
        }
        let data = root.child(named: "DONNEES")
        var builder = TimetableSTSCourses(reader: self, alternances: try readAlternances(data, calendar: calendar))
        let structure = data?.child(named: "STRUCTURE")
        let divisions = structure?.descendants(named: "DIVISION") ?? []
        let groups = structure?.descendants(named: "GROUPE") ?? []
        guard divisions.count + groups.count <= limits.maxEntries else {
            throw fail(structure!, "plus de \(limits.maxEntries) divisions et groupes (limite maxEntries)")
        }
        for division in divisions {
            let code = try code(division)
            builder.classes.append(TimetableExportClass(key: code, name: code))
            try builder.services(of: division, audience: .schoolClass(code))
        }
        for group in groups {
            let code = try code(group)
            builder.groups.append(TimetableExportGroup(key: code, name: group.text(at: "LIBELLE_LONG") ?? code))
            try builder.services(of: group, audience: .group(code))
        }
        let teachers = builder.teacherKeys.map { key in
            people?.teachers[key] ?? TimetablePerson(key: key, lastName: "", firstName: "", ids: [TimetablePersonID(.sts, key)])
        }
        let subjects = builder.subjectKeys.map { code in
            TimetableExportSubject(key: code, code: code, label: people?.subjectLabels[code] ?? code)
        }
        let declared = data?.child(named: "SALLES_COURS")?.children(named: "SALLE_COURS").compactMap { $0.attribute("CODE") } ?? []
        let rooms = (declared + builder.roomKeys.filter { !declared.contains($0) }).map { TimetableRoom(key: $0, name: $0) }
        let notes = companion != nil ? [] : ["Sans le fichier sts_emp en second fichier, les enseignants ne sont connus que "
                                             + "par leur identifiant STS et les matières que par leur code."]
        // No student, no membership: `hasStudentMemberships` false makes the import report say so.
        return TimetableExport(source: TimetableSource(software: .sts, product: root.text(at: "PARAMETRES", "APPLICATION_SOURCE")),
                               uai: uai, calendar: calendar, subjects: subjects, teachers: teachers, classes: builder.classes,
                               groups: builder.groups, rooms: rooms, courses: builder.courses, hasStudentMemberships: false,
                               notes: notes).withUniqueKeys()
    }

    private func code(_ node: TimetableXMLNode) throws(TimetableFileError) -> String {
        guard let code = node.attribute("CODE"), !code.isEmpty else { throw fail(node, "élément \(node.name) sans attribut CODE") }
        return code
    }

    /// Without the companion, `emp_sts` gives only the year it starts: French school years are
    /// taken from 1 September to 31 August, so that every week of the year fits.
    private func readCalendar(_ root: TimetableXMLNode) throws(TimetableFileError) -> TimetableCalendar {
        let parameters = root.child(named: "PARAMETRES") ?? root
        guard let text = root.text(at: "PARAMETRES", "ANNEE_SCOLAIRE"), let first = Int(text),
              let start = try? CalendarDate(year: first, month: 9, day: 1),
              let end = try? CalendarDate(year: first + 1, month: 8, day: 31) else {
            throw fail(parameters, "année scolaire (PARAMETRES/ANNEE_SCOLAIRE) absente ou illisible (attendu une année, ex. 2025)")
        }
        return TimetableCalendar(startsOn: start, endsOn: end, firstWeekMonday: start.mondayOfWeek)
    }

    /// An alternance lists the Mondays its courses run; a date outside the year would be a
    /// course on a week the year does not have.
    private func readAlternances(_ data: TimetableXMLNode?, calendar: TimetableCalendar) throws(TimetableFileError) -> [String: TimetableWeeks] {
        var result: [String: TimetableWeeks] = [:]
        for alternance in data?.child(named: "ALTERNANCES")?.children(named: "ALTERNANCE") ?? [] {
            let code = try code(alternance)
            var weeks = TimetableWeeks(mask: 0)
            for node in alternance.child(named: "SEMAINES")?.children(named: "DATE_DEBUT_SEMAINE") ?? [] {
                let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let date = try? CalendarDate(iso: text) else {
                    throw fail(node, "alternance « \(code) »\u{00A0}: date de semaine « \(text) » illisible (attendu AAAA-MM-JJ)")
                }
                let week = calendar.week(of: date)
                guard date >= calendar.firstWeekMonday, date <= calendar.endsOn, week <= TimetableWeeks.maxWeek else {
                    throw fail(node, "alternance « \(code) »\u{00A0}: semaine du \(date) hors de l'année scolaire "
                        + "(\(calendar.startsOn) – \(calendar.endsOn))")
                }
                weeks.formUnion(TimetableWeeks([week]))
            }
            result[code] = weeks
        }
        return result
    }
}
