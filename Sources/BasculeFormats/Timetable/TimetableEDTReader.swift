import BasculeDomain
import Foundation

/// Reads the clear `ExportEmploiDuTemps` of EDT and PRONOTE (Index Education, schema v1.1 and
/// later). Later versions only add elements, so anything unknown is skipped: refusing it would
/// refuse next year's export for no reason.
struct TimetableEDTReader {
    let fileName: String
    let limits: TimetableLimits
    /// From the envelope's `LOGICIEL` when the file came encrypted; a clear file names no product.
    var product: String?
    var wasEncrypted = false

    /// v1.1 is the oldest schema Index Education published; older numbers would be a format
    /// nobody documented.
    static let oldestVersion = [1, 1]

    func read(_ root: TimetableXMLNode) throws(TimetableFileError) -> TimetableExport {
        let version = try checkVersion(root)
        let calendar = try readCalendar(root)
        let slots = try readSlots(root)
        let subjects = try entries(root, "Matieres", "Matiere").map { node throws(TimetableFileError) in
            TimetableExportSubject(key: try required(node, "Ident"), code: node.attribute("Code") ?? "",
                                   label: node.attribute("Libelle") ?? node.attribute("Code") ?? "")
        }
        let teachers = try entries(root, "Professeurs", "Professeur").map { node throws(TimetableFileError) in
            try person(node, idAttributes: [("IDPN", .idpn), ("IDSTS", .sts)])
        }
        let classNodes = try entries(root, "Classes", "Classe")
        var classes: [TimetableExportClass] = []
        var groups: [TimetableExportGroup] = []
        for node in classNodes {
            let key = try required(node, "Ident")
            let name = node.attribute("Nom") ?? key
            classes.append(TimetableExportClass(key: key, name: name))
            for part in node.children(named: "PartieDeClasse") {
                let ident = try required(part, "Ident")
                groups.append(TimetableExportGroup(key: Self.partKey(ident), name: part.attribute("Nom") ?? "\(name) (partie \(ident))",
                                                   classKey: key))
            }
        }
        let groupNodes = try entries(root, "Groupes", "Groupe")
        for node in groupNodes {
            let key = try required(node, "Ident")
            groups.append(TimetableExportGroup(key: key, name: node.attribute("Nom") ?? key))
        }
        let rooms = try entries(root, "Salles", "Salle").map { node throws(TimetableFileError) in
            TimetableRoom(key: try required(node, "Ident"), name: node.attribute("Nom") ?? "")
        }
        let groupsOf = Self.groupsContaining(groupNodes)
        let students = try entries(root, "Eleves", "Eleve").map { node throws(TimetableFileError) in
            var student = try person(node, idAttributes: [("IDPN", .idpn), ("NumeroNational", .ine)])
            student.memberships = try memberships(node, calendar: calendar, groupsOf: groupsOf)
            return student
        }
        let courses = try readCourses(root, calendar: calendar, slots: slots)
        return TimetableExport(source: TimetableSource(software: .edt, product: product, version: version, wasEncrypted: wasEncrypted),
                               uai: root.attribute("UAI"), calendar: calendar, slots: slots, subjects: subjects,
                               teachers: teachers, classes: classes, groups: groups, rooms: rooms, students: students,
                               courses: courses, hasStudentMemberships: true)
    }

    /// EDT numbers class parts and groups apart, so a class part's key is prefixed to stay unique
    /// among `TimetableExport.groups`.
    static func partKey(_ ident: String) -> String { "partie-\(ident)" }

    private func checkVersion(_ root: TimetableXMLNode) throws(TimetableFileError) -> String {
        guard let version = root.attribute("Version"), !version.isEmpty else {
            throw fail(root, "la version du format (attribut Version de ExportEmploiDuTemps) est absente\u{00A0}; version inconnue")
        }
        let numbers = version.split(separator: ".").map { Int($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else {
            throw fail(root, "version du format « \(version) » inconnue (attendu 1.1 ou plus récente)")
        }
        guard numbers.compactMap({ $0 }).lexicographicallyPrecedes(Self.oldestVersion) == false else {
            throw fail(root, "version du format « \(version) » trop ancienne (la plus ancienne lue est 1.1)")
        }
        return version
    }

    private func readCalendar(_ root: TimetableXMLNode) throws(TimetableFileError) -> TimetableCalendar {
        guard let year = root.child(named: "AnneeScolaire") else {
            throw fail(root, "l'élément AnneeScolaire (dates de l'année) est absent")
        }
        let start = try date(year, "DateDebut"), end = try date(year, "DateFin")
        // Courses are placed by weekday from week 1's Monday: a file naming another day for it
        // (hand-edited, or shifted by a year) is read from that week's Monday.
        let first = try date(year, "DatePremierJourSemaine1").mondayOfWeek
        guard start < end else { throw fail(year, "l'année se termine (\(end)) avant de commencer (\(start))") }
        guard abs(first.dayNumber - start.dayNumber) <= 7 else {
            throw fail(year, "le premier jour de la semaine 1 (\(first)) est loin du début de l'année (\(start))")
        }
        let calendar = TimetableCalendar(startsOn: start, endsOn: end, firstWeekMonday: first)
        guard calendar.weekCount <= TimetableWeeks.maxWeek else {
            throw fail(year, "l'année compte \(calendar.weekCount) semaines, plus que les \(TimetableWeeks.maxWeek) qu'un export peut décrire")
        }
        return calendar
    }

    private func readSlots(_ root: TimetableXMLNode) throws(TimetableFileError) -> [TimetableSlot] {
        guard let grid = root.child(named: "GrilleHoraire") else { throw fail(root, "la grille horaire (GrilleHoraire) est absente") }
        let duration = grid.attribute("DureePlace").flatMap { Int($0) }
        var slots: [TimetableSlot] = []
        for place in grid.child(named: "PlacesParJour")?.children(named: "Place") ?? [] {
            guard let number = place.attribute("Numero").flatMap({ Int($0) }), number >= 0 else {
                throw fail(place, "place sans numéro valide (attribut Numero)")
            }
            guard let start = place.attribute("LibelleHeureDebut").flatMap({ TimeOfDay(text: $0) }) else {
                throw fail(place, "place \(number) sans heure de début lisible (LibelleHeureDebut)")
            }
            // The end may be missing in some exports: the grid's place length then gives it.
            let end = place.attribute("LibelleHeureFin").flatMap { TimeOfDay(text: $0) }
                ?? duration.map { TimeOfDay(minutes: start.minutes + $0) }
            guard let end, end > start else { throw fail(place, "place \(number) sans heure de fin lisible (LibelleHeureFin)") }
            slots.append(TimetableSlot(number: number, startsAt: start, endsAt: end))
        }
        guard !slots.isEmpty else { throw fail(grid, "la grille horaire ne décrit aucune place (PlacesParJour)") }
        return slots.sorted { $0.number < $1.number }
    }
}
