import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// The timetable samples of `Tests/Fixtures/timetable`, found from this file's path.
func timetableFixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/timetable/\(name)")
}

/// Counts `<name ` (or `<name>`/`<name/>`) openings with a plain scan, independent of the reader.
func countElements(_ name: String, in text: String) -> Int {
    ["<\(name) ", "<\(name)>", "<\(name)/>"].reduce(0) { $0 + text.components(separatedBy: $1).count - 1 }
}

@Suite("EDT/PRONOTE clear export")
struct TimetableEDTReaderTests {
    @Test("The real 2012-13 sample reads with every item it holds")
    func realSample() throws {
        // setup
        let url = timetableFixture("edt/edt-2012-2013-clear.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let containers = ["Cours": countElements("Cours", in: text) > 0 ? 1 : 0]
        let groupNodes = text.components(separatedBy: "<Groupes>")[1].components(separatedBy: "</Groupes>")[0]
        let classNodes = text.components(separatedBy: "<Classes>")[1].components(separatedBy: "</Classes>")[0]
        // act
        let export = try TimetableReader.read(fileAt: url, displayName: "edt.xml", keys: nil)
        // check
        #expect(export.source.software == .edt)
        #expect(export.source.version == "1.1")
        #expect(export.uai == "0134567A")
        #expect(export.subjects.count == countElements("Matiere", in: text.components(separatedBy: "</Matieres>")[0]))
        #expect(export.teachers.count == countElements("Professeur", in: text.components(separatedBy: "</Professeurs>")[0]))
        #expect(export.classes.count == countElements("Classe", in: classNodes))
        #expect(export.groups.count == countElements("Groupe", in: groupNodes) + countElements("PartieDeClasse", in: classNodes))
        #expect(export.students.count == countElements("Eleve", in: text))
        #expect(export.rooms.count == countElements("Salle", in: text.components(separatedBy: "</Salles>")[0]))
        #expect(export.slots.count == countElements("Place", in: text))
        let courseItems = countElements("Cours", in: text) - containers["Cours"]!
        #expect(courseItems == 701)
        // Courses whose items are on no week produce nothing.
        #expect(Set(export.courses.map(\.origin)).count <= courseItems)
        #expect(export.students.filter { $0.birthDate == nil }.count == 1)
        #expect(export.teachers.contains { $0.ids.contains { $0.kind == .idpn } })
        #expect(export.calendar.firstWeekMonday == (try CalendarDate(iso: "2012-09-03")))
        #expect(export.students.allSatisfy { !$0.memberships.isEmpty })
        #expect(export.courses.allSatisfy { !$0.weeks.isEmpty && (1...7).contains($0.day) && $0.startsAt < $0.endsAt })
    }

    @Test("A hand-written v1.1 export gives the course's weeks, times and audience")
    func smallExport() throws {
        // setup
        let url = try writeTimetable(edtSample())
        // act
        let export = try TimetableReader.read(fileAt: url, displayName: "petit.xml", keys: nil)
        // check
        #expect(export.courses.count == 2)
        let first = export.courses[0]
        #expect(first.startsAt.description == "08:00" && first.endsAt.description == "10:00")
        #expect(first.weeks.weeks == [1, 3] && first.roomKeys.isEmpty)
        let second = export.courses[1]
        #expect(second.weeks.weeks == [2])
        #expect(second.groupKeys == ["1"] && second.roomKeys == ["1"] && second.teacherKeys == ["1"])
        #expect(export.groups.contains { $0.classKey == "1" })
        #expect(export.students[0].memberships.contains { $0.target == .group("1") })
    }
}

func writeTimetable(_ text: String, name: String = "export.xml") throws -> URL {
    try writeTimetable(bytes: Data(text.utf8), name: name)
}

func writeTimetable(bytes: Data, name: String = "export.xml") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-timetable-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try bytes.write(to: url)
    return url
}

/// The doc's v1.1 example: the room is there on weeks 1 and 2 only, the others on weeks 1-3.
func edtSample(version: String = "1.1", days: String = "2025-09-01\" DateFin=\"2026-07-04",
               place: String = "0", places: String = "2", weeks: String = "14", roomWeeks: String = "4",
               entry: String = "2025-09-01") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <ExportEmploiDuTemps xmlns="http://www.index-education.com/exportemploidutemps" Version="\(version)" UAI="0999999X">
      <AnneeScolaire DateDebut="\(days)" DatePremierJourSemaine1="2025-09-01"/>
      <GrilleHoraire NombrePlacesParJour="4" DureePlace="60">
        <JoursOuvres><Jour>1</Jour><Jour>2</Jour></JoursOuvres>
        <PlacesParJour><Place Numero="0" LibelleHeureDebut="08:00:00" LibelleHeureFin="09:00:00"/>
          <Place Numero="1" LibelleHeureDebut="09:00:00" LibelleHeureFin="10:00:00"/></PlacesParJour></GrilleHoraire>
      <Matieres><Matiere Ident="1" Code="MATHS" Libelle="MATHEMATIQUES"/></Matieres>
      <Professeurs><Professeur Ident="1" Nom="DURAND" Prenom="PAUL" IDPN="ABCD1234EFGH5678"/></Professeurs>
      <Classes><Classe Ident="1" Nom="6A"><PartieDeClasse Ident="11"/></Classe></Classes>
      <Groupes><Groupe Ident="1" Nom="6A G1"><PartieDeClasse Ident="11"/></Groupe></Groupes>
      <Salles><Salle Ident="1" Nom="101"/></Salles>
      <Inconnus><Inconnu Ident="1"/></Inconnus>
      <Eleves><Eleve Ident="1" Nom="MARTIN" Prenom="Léa" DateNaissance="2014-03-02" Sexe="Feminin">
          <Classe Ident="1" DateEntree="\(entry)" DateSortie="2026-07-04"/>
          <PartieDeClasse Ident="11" DateEntree="2025-09-01" DateSortie="2026-07-04"/></Eleve></Eleves>
      <Cours><Cours Jour="1" NumeroPlaceDebut="\(place)" NombrePlaces="\(places)">
          <Matiere Ident="1"/><Professeur Ident="1" Semaines="\(weeks)"/>
          <Groupe Ident="1" Semaines="\(weeks)"/><Salle Ident="1" Semaines="\(roomWeeks)"/><Etiquette Ident="3"/>
      </Cours></Cours>
    </ExportEmploiDuTemps>
    """
}
