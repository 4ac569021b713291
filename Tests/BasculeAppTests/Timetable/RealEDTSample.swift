import BasculeDomain
import Foundation
import FoundationXML

/// The real clear EDT sample read by the test itself, with Foundation's parser and none of the
/// reader's code: what the file holds, to compare the import with.
final class RealEDTSample: NSObject, XMLParserDelegate {
    struct Student { let ident: String; let lastName: String; let firstName: String; let birthDate: String
                     var classes: [String] = []; var parts: [String] = [] }
    struct Item { let element: String; let ident: String; let weeks: UInt64? }
    struct Course { let cancelled: UInt64; var items: [Item] = [] }

    private(set) var subjects: [(ident: String, code: String, label: String)] = []
    private(set) var teachers: [(ident: String, lastName: String, firstName: String)] = []
    private(set) var classes: [(ident: String, name: String, parts: [String])] = []
    private(set) var groups: [(ident: String, name: String, parts: [String], classes: [String])] = []
    private(set) var students: [Student] = []
    private(set) var courses: [Course] = []
    private(set) var weekCount = 0
    private var path: [String] = []

    /// The sample moved from 2012–2013 to 2025–2026 by a whole number of weeks, so that each date
    /// keeps its weekday; its UAI (whose check letter is wrong, as the feed's can be) kept.
    static func text() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/timetable/edt/edt-2012-2013-clear.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let shift = try CalendarDate(iso: "2025-09-01").dayNumber - CalendarDate(iso: "2012-09-03").dayNumber
        return text.replacing(/"(201[23]-\d\d-\d\d)"/) { match in
            "\"\((try? CalendarDate(iso: String(match.1)))?.adding(days: shift).iso ?? String(match.1))\""
        }
    }

    static func parse() throws -> RealEDTSample {
        let sample = RealEDTSample()
        let parser = XMLParser(data: Data(try text().utf8))
        parser.delegate = sample
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return sample
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes a: [String: String] = [:]) {
        let parent = path.last ?? "", grandparent = path.dropLast().last ?? ""
        path.append(name)
        switch (grandparent, parent, name) {
        case (_, "AnneeScolaire", _), (_, _, "AnneeScolaire"):
            if let start = a["DatePremierJourSemaine1"].flatMap({ try? CalendarDate(iso: $0) }),
               let end = a["DateFin"].flatMap({ try? CalendarDate(iso: $0) }) {
                weekCount = (end.dayNumber - start.dayNumber) / 7 + 1
            }
        case (_, "Matieres", "Matiere"): subjects.append((a["Ident"]!, a["Code"] ?? "", a["Libelle"] ?? ""))
        case (_, "Professeurs", "Professeur"): teachers.append((a["Ident"]!, a["Nom"] ?? "", a["Prenom"] ?? ""))
        case (_, "Classes", "Classe"): classes.append((a["Ident"]!, a["Nom"] ?? "", []))
        case ("Classes", "Classe", "PartieDeClasse"): classes[classes.count - 1].parts.append(a["Ident"]!)
        case (_, "Groupes", "Groupe"): groups.append((a["Ident"]!, a["Nom"] ?? "", [], []))
        case ("Groupes", "Groupe", "PartieDeClasse"): groups[groups.count - 1].parts.append(a["Ident"]!)
        case ("Groupes", "Groupe", "Classe"): groups[groups.count - 1].classes.append(a["Ident"]!)
        case (_, "Eleves", "Eleve"):
            students.append(Student(ident: a["Ident"]!, lastName: a["Nom"] ?? "", firstName: a["Prenom"] ?? "",
                                    birthDate: a["DateNaissance"] ?? ""))
        case ("Eleves", "Eleve", "Classe"): students[students.count - 1].classes.append(a["Ident"]!)
        case ("Eleves", "Eleve", "PartieDeClasse"): students[students.count - 1].parts.append(a["Ident"]!)
        case ("ExportEmploiDuTemps", "Cours", "Cours"): courses.append(Course(cancelled: a["SemainesAnnulation"].flatMap { UInt64($0) } ?? 0))
        case ("Cours", "Cours", _) where ["Professeur", "Classe", "Groupe", "PartieDeClasse", "Salle"].contains(name):
            courses[courses.count - 1].items.append(Item(element: name, ident: a["Ident"]!, weeks: a["Semaines"].flatMap { UInt64($0) }))
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        path.removeLast()
    }

    /// Per class name and school week, how many courses the class attends: its own, its parts',
    /// and those of every group one of its students is in (as the class's week shows them).
    func occurrencesPerClassAndWeek() -> [String: [Int: Int]] {
        let year: UInt64 = weekCount >= 63 ? ~1 : ((1 << UInt64(weekCount + 1)) - 1) & ~1
        let classOfPart = Dictionary(classes.flatMap { c in c.parts.map { ($0, c.ident) } }, uniquingKeysWith: { a, _ in a })
        var studentsClasses: [String: Set<String>] = [:]
        for student in students { for part in student.parts { studentsClasses[part, default: []].formUnion(student.classes) } }
        var classesOfGroup: [String: Set<String>] = [:]
        for group in groups {
            for part in group.parts { classesOfGroup[group.ident, default: []].formUnion(studentsClasses[part] ?? []) }
            for schoolClass in group.classes where students.contains(where: { $0.classes.contains(schoolClass) }) {
                classesOfGroup[group.ident, default: []].insert(schoolClass)
            }
        }
        let names = Dictionary(uniqueKeysWithValues: classes.map { ($0.ident, $0.name) })
        var result: [String: [Int: Int]] = [:]
        for course in courses {
            var weeksOf: [String: UInt64] = [:]
            for item in course.items {
                let weeks = (item.weeks ?? year) & ~course.cancelled & ~1
                let audience: Set<String> = switch item.element {
                case "Classe": [item.ident]
                case "PartieDeClasse": classOfPart[item.ident].map { [$0] } ?? []
                case "Groupe": classesOfGroup[item.ident] ?? []
                default: []
                }
                for schoolClass in audience { weeksOf[schoolClass, default: 0] |= weeks }
            }
            for (schoolClass, weeks) in weeksOf {
                for week in 1...63 where weeks & (1 << UInt64(week)) != 0 {
                    result[names[schoolClass] ?? schoolClass, default: [:]][week, default: 0] += 1
                }
            }
        }
        return result
    }
}
