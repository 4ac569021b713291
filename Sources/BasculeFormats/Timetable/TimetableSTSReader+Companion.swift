import BasculeDomain

/// The `sts_emp` export STS-Web gives the timetable software (root `STS_EDT`): what `emp_sts`
/// only refers to by code, the teachers (`INDIVIDU@ID`) and the subjects (`MATIERE@CODE`),
/// and the year's true dates.
struct TimetableSTSCompanion {
    var calendar: TimetableCalendar?
    var teachers: [String: TimetablePerson] = [:]
    var subjectLabels: [String: String] = [:]

    init(_ root: TimetableXMLNode, fileName: String, uai: String?, limits: TimetableLimits) throws(TimetableFileError) {
        func fail(_ node: TimetableXMLNode, _ reason: String) -> TimetableFileError {
            TimetableFileError(fileName: fileName, location: .line(node.line), reason: reason)
        }
        guard root.name == "STS_EDT" else {
            throw fail(root, "le second fichier doit être l'export sts_emp de STS-Web (racine STS_EDT), pas « \(root.name) »")
        }
        // Two establishments' files side by side would name one school's teachers with the other's.
        let companionUAI = root.child(named: "PARAMETRES")?.child(named: "UAJ")?.attribute("CODE")
        if let uai, let companionUAI, uai != companionUAI {
            throw fail(root, "ce fichier est pour l'établissement \(companionUAI), le fichier emp_sts pour \(uai)")
        }
        if let year = root.child(named: "PARAMETRES")?.child(named: "ANNEE_SCOLAIRE") {
            calendar = try Self.calendar(year, fail: fail)
        }
        let individuals = root.child(named: "DONNEES")?.child(named: "INDIVIDUS")?.children(named: "INDIVIDU") ?? []
        let subjects = root.child(named: "NOMENCLATURES")?.child(named: "MATIERES")?.children(named: "MATIERE") ?? []
        guard individuals.count <= limits.maxEntries, subjects.count <= limits.maxEntries else {
            throw fail(root, "plus de \(limits.maxEntries) individus ou matières (limite maxEntries)")
        }
        for node in individuals {
            guard let id = node.attribute("ID"), !id.isEmpty else { throw fail(node, "individu sans attribut ID") }
            let birth = try node.text(at: "DATE_NAISSANCE").map { text throws(TimetableFileError) in
                do { return try CalendarDate(iso: text) } catch {
                    throw fail(node, "individu \(id)\u{00A0}: date de naissance « \(text) » illisible (attendu AAAA-MM-JJ)")
                }
            }
            teachers[id] = TimetablePerson(key: id, lastName: node.text(at: "NOM_USAGE") ?? node.text(at: "NOM_PATRONYMIQUE") ?? "",
                                           firstName: node.text(at: "PRENOM") ?? "", birthDate: birth,
                                           ids: [TimetablePersonID(.sts, id)])
        }
        for node in subjects {
            guard let code = node.attribute("CODE") else { continue }
            // The edition label is the one written for reading ("Français"); the others are capitals.
            subjectLabels[code] = node.text(at: "LIBELLE_EDITION") ?? node.text(at: "LIBELLE_LONG") ?? node.text(at: "LIBELLE_COURT")
        }
    }

    private static func calendar(_ year: TimetableXMLNode,
                                 fail: (TimetableXMLNode, String) -> TimetableFileError) throws(TimetableFileError) -> TimetableCalendar {
        guard let first = year.text(at: "DATE_DEBUT"), let last = year.text(at: "DATE_FIN"),
              let start = try? CalendarDate(iso: first), let end = try? CalendarDate(iso: last) else {
            throw fail(year, "dates de l'année (ANNEE_SCOLAIRE/DATE_DEBUT, DATE_FIN) absentes ou illisibles (attendu AAAA-MM-JJ)")
        }
        guard start < end else { throw fail(year, "l'année se termine (\(end)) avant de commencer (\(start))") }
        let calendar = TimetableCalendar(startsOn: start, endsOn: end, firstWeekMonday: start.mondayOfWeek)
        guard calendar.weekCount <= TimetableWeeks.maxWeek else {
            throw fail(year, "l'année compte \(calendar.weekCount) semaines, plus que les \(TimetableWeeks.maxWeek) qu'un export peut décrire")
        }
        return calendar
    }
}
