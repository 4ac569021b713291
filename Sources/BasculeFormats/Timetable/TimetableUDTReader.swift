import BasculeDomain
import Foundation

/// UnDeuxTemps exports: a ZIP of `UDCal_*.xml` (`udcal_*.xml` in some versions), read as EC's
/// UDTImporter reads them. The theoretical lines (`UDCal_12`) give the first publication
/// period; each weekly `UDCal_12_WW` gives the period starting at ISO week WW.
struct TimetableUDTReader {
    let fileName: String
    let limits: TimetableLimits

    func read(zipAt url: URL) throws(TimetableFileError) -> TimetableExport {
        var archive = try TimetableUDTArchive(url: url, archiveName: fileName, limits: limits)
        func required(_ number: String, _ what: String) throws(TimetableFileError) -> TimetableUDTFile {
            guard let file = try archive.file("UDCal_\(number).xml") else {
                throw TimetableFileError(fileName: fileName, location: .zipEntry("UDCal_\(number).xml"),
                                         reason: "entrée obligatoire absente de l'archive (\(what))")
            }
            return file
        }
        let calendarFile = try required("24", "dates de l'année"), parameters = try required("00", "paramètres")
        let halfSequences = try required("07", "demi-séquences"), fiches = try required("11", "fiches")
        let theoretical = try required("12", "lignes de cours")
        let year = try TimetableUDTYear(calendarFile: calendarFile, parameters: parameters, weeks: archive.file("semaines.xml"))
        let grid = try readGrid(halfSequences: halfSequences, fiches: fiches, parameters: parameters)
        let rooms = try (archive.file("UDCal_03.xml")?.entities("salle") ?? []).compactMap { node in
            node.attribute("code").map { TimetableRoom(key: $0, name: node.attribute("nom") ?? $0) }
        }
        let teachers = try readTeachers(archive.file("UDCal_04.xml"))
        let subjects = try (archive.file("UDCal_05.xml")?.entities("mat") ?? []).compactMap { node in
            node.attribute("code").map { code in
                TimetableExportSubject(key: code, code: node.attribute("code_gep1").flatMap { $0.isEmpty ? nil : $0 } ?? code,
                                       label: node.attribute("libelle") ?? code)
            }
        }
        let audiences = try readAudiences(divisions: archive.file("UDCal_08.xml"), groups: archive.file("UDCal_19.xml"),
                                          regroupements: archive.file("UDCal_13.xml"))
        let memberships = try archive.file("UDCal_21.xml")
        let (students, skipped) = try readStudents(archive.file("UDCal_10.xml"), memberships: memberships, audiences: audiences, year: year)
        let known = Known(teachers: Set(teachers.map(\.key)), subjects: Set(subjects.map(\.key)), rooms: Set(rooms.map(\.key)),
                          classes: Set(audiences.classes.map(\.key)), groups: Set(audiences.groups.map(\.key)))
        var notes: [String] = []
        var sources: [(lines: TimetableUDTFile, coTeachers: TimetableUDTFile?, weeks: TimetableWeeks)] = []
        for (week, name, path) in weeklyFiles(archive.names) {
            let start = TimetableUDTYear.schoolWeek(isoWeek: week, calendar: year.calendar)
            guard year.periodStarts.contains(start) else {
                notes.append("L'entrée « \(path) » est ignorée\u{00A0}: la semaine ISO \(week) ne commence aucune période de semaines.xml.")
                continue
            }
            let lines = try archive.file(name)!
            sources.append((lines, try archive.file(String(format: "UDCal_23_%02d.xml", week)), year.period(startingAt: start)))
        }
        // A weekly file for the first period replaces the theoretical lines, else both would place each course twice.
        if !sources.contains(where: { $0.weeks.contains(1) }) {
            sources.insert((theoretical, try archive.file("UDCal_23.xml"), year.period(startingAt: 1)), at: 0)
        }
        var courses: [TimetableCourse] = [], seen = Set<String>()
        for source in sources {
            let read = try readCourses(source.lines, coTeachers: source.coTeachers, weeks: source.weeks, year: year, grid: grid, known: known)
            // A regroupement's course comes once per division it gathers, each line the same but for its division.
            courses += read.courses.filter { course in
                seen.insert([course.day, course.startsAt, course.endsAt, course.subjectKey ?? "", course.teacherKeys, course.classKeys,
                             course.groupKeys, course.roomKeys, course.weeks.mask].map { "\($0)" }.joined(separator: "|")).inserted
            }
            if read.withoutDivision > 0 {
                notes.append("\(read.withoutDivision) lignes de « \(source.lines.entry) » sans division sont ignorées.")
            }
        }
        if skipped > 0 { notes.append("\(skipped) appartenances de UDCal_21 ignorées\u{00A0}: élève absent de UDCal_10 ou groupe inconnu.") }
        // One grid for the export: each half-sequence's times as Monday (the first day listed) has them.
        let slots = Dictionary(grid.slots.sorted { $0.key < $1.key }.map { ($0.value.number, $0.value) },
                               uniquingKeysWith: { first, _ in first }).values
        let version = Self.version(calendarEntry: calendarFile.entry, memberships: memberships, audiences: audiences)
        notes.append(version.note)
        return TimetableExport(source: TimetableSource(software: .udt, product: version.name.map { "UDT \($0)" }), uai: nil,
                               calendar: year.calendar, slots: slots.sorted { $0.number < $1.number }, subjects: subjects,
                               teachers: teachers, classes: audiences.classes, groups: audiences.groups, rooms: rooms,
                               students: students, courses: courses, hasStudentMemberships: memberships != nil, notes: notes)
            .withUniqueKeys()
    }

    /// `UDCal_12_WW.xml` (any case) → ISO week WW and the entry's path, in week order.
    private func weeklyFiles(_ names: [String: String]) -> [(week: Int, name: String, path: String)] {
        names.compactMap { name, path -> (Int, String, String)? in
            guard name.hasPrefix("udcal_12_"), name.hasSuffix(".xml"), name.count == "udcal_12_00.xml".count,
                  let week = Int(name.dropFirst(9).prefix(2)), (1...53).contains(week) else { return nil }
            return (week, name, path)
        }.sorted { $0.0 < $1.0 }
    }

    /// Which UDT wrote the archive. UDT writes no version number anywhere known; what tells
    /// versions apart are the changes EC's UDTImporter had to follow, by date: `ele_gpe@theorique`
    /// (read until 2020, `255ef314`), lower-case `udcal_` names (from 2018, `0ae313d6`), groups
    /// without `code_sts` (from 2020). Our reading of them: v24 before 2018, v25 for 2018-2019, v26 from 2020; an archive
    /// with none of them says nothing, and no version is claimed.
    static func version(calendarEntry: String, memberships: TimetableUDTFile?,
                        audiences: Audiences) -> (name: String?, note: String) {
        let theorique = memberships?.root.descendants(named: "ele_gpe").contains { $0.attribute("theorique") != nil } ?? false
        let lowerCase = calendarEntry.split(separator: "/").last?.hasPrefix("udcal_") ?? false
        if audiences.groupsWithoutSTSCode > 0 {
            return ("v26", "Version UDT v26 déduite des fichiers\u{00A0}: \(audiences.groupsWithoutSTSCode) groupes de UDCal_19 "
                    + "sans code_sts (exports depuis 2020), laissés de côté.")
        }
        if theorique {
            return lowerCase
                ? ("v25", "Version UDT v25 déduite des fichiers\u{00A0}: noms en minuscules (udcal_, depuis 2018) et attribut "
                   + "theorique dans UDCal_21 (jusqu'en 2020).")
                : ("v24", "Version UDT v24 déduite des fichiers\u{00A0}: attribut theorique dans UDCal_21 et noms UDCal_ "
                   + "(exports d'avant 2018).")
        }
        return (nil, "Les fichiers ne disent pas quelle version d'UDT les a écrits (ni attribut theorique, ni groupe sans code_sts).")
    }
}
