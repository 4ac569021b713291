import BasculeDomain
import Foundation

/// Writes a timetable as the clear `ExportEmploiDuTemps` (v1.1) that EDT and PRONOTE produce, so
/// that the benchmark and the demo import the real format through the real reader. EDT makes its
/// groups of class parts: `groupParts` gives, for each group that is not itself a class part, the
/// parts it is made of; students are written in their classes and class parts only.
public struct TimetableEDTWriter {
    public let export: TimetableExport
    public let groupParts: [String: [String]]

    public init(_ export: TimetableExport, groupParts: [String: [String]]) {
        self.export = export
        self.groupParts = groupParts
    }

    /// Written in chunks, so that a lycée's file is never held whole.
    public func write(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw TimetableFileError(fileName: url.lastPathComponent, reason: "écriture impossible")
        }
        defer { try? handle.close() }
        var out = Chunks(handle: handle)
        try out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExportEmploiDuTemps "
            + "xmlns=\"http://www.index-education.com/exportemploidutemps\" Version=\"1.1\""
            + (export.uai.map { " UAI=\"\($0.xmlEscaped)\"" } ?? "") + ">\n")
        let calendar = export.calendar
        try out.append("  <AnneeScolaire DateDebut=\"\(calendar.startsOn.iso)\" DateFin=\"\(calendar.endsOn.iso)\" "
            + "DatePremierJourSemaine1=\"\(calendar.firstWeekMonday.iso)\"/>\n")
        try writeGrid(&out)
        try list(&out, "Matieres", export.subjects) {
            "<Matiere Ident=\"\($0.key.xmlEscaped)\" Code=\"\($0.code.xmlEscaped)\" Libelle=\"\($0.label.xmlEscaped)\"/>"
        }
        try list(&out, "Professeurs", export.teachers) { "<Professeur \(Self.identity($0))/>" }
        let parts = Dictionary(grouping: export.groups.filter { $0.classKey != nil }, by: { $0.classKey! })
        try list(&out, "Classes", export.classes) { schoolClass in
            let inner = (parts[schoolClass.key] ?? []).map { "\n      <PartieDeClasse Ident=\"\(Self.partIdent($0.key).xmlEscaped)\" Nom=\"\($0.name.xmlEscaped)\"/>" }
            return "<Classe Ident=\"\(schoolClass.key.xmlEscaped)\" Nom=\"\(schoolClass.name.xmlEscaped)\">\(inner.joined())\n    </Classe>"
        }
        try list(&out, "Groupes", export.groups.filter { $0.classKey == nil }) { group in
            let inner = (groupParts[group.key] ?? []).map { "\n      <PartieDeClasse Ident=\"\(Self.partIdent($0).xmlEscaped)\"/>" }
            return "<Groupe Ident=\"\(group.key.xmlEscaped)\" Nom=\"\(group.name.xmlEscaped)\">\(inner.joined())\n    </Groupe>"
        }
        try list(&out, "Salles", export.rooms) { "<Salle Ident=\"\($0.key.xmlEscaped)\" Nom=\"\($0.name.xmlEscaped)\"/>" }
        let partKeys = Set(export.groups.filter { $0.classKey != nil }.map(\.key))
        try list(&out, "Eleves", export.students) { student in
            let inner = student.memberships.compactMap { membership -> String? in
                let dates = (membership.startsOn.map { " DateEntree=\"\($0.iso)\"" } ?? "")
                    + (membership.endsOn.map { " DateSortie=\"\($0.iso)\"" } ?? "")
                switch membership.target {
                case .schoolClass(let key): return "\n      <Classe Ident=\"\(key.xmlEscaped)\"\(dates)/>"
                case .group(let key) where partKeys.contains(key): return "\n      <PartieDeClasse Ident=\"\(Self.partIdent(key).xmlEscaped)\"\(dates)/>"
                case .group: return nil
                }
            }
            return "<Eleve \(Self.identity(student))>\(inner.joined())\n    </Eleve>"
        }
        try writeCourses(&out)
        try out.append("</ExportEmploiDuTemps>\n")
        try out.flush()
    }

    private func writeGrid(_ out: inout Chunks) throws {
        try out.append("  <GrilleHoraire NombrePlacesParJour=\"\(export.slots.count)\">\n    <PlacesParJour>\n")
        for slot in export.slots {
            try out.append("      <Place Numero=\"\(slot.number)\" LibelleHeureDebut=\"\(slot.startsAt):00\" "
                + "LibelleHeureFin=\"\(slot.endsAt):00\"/>\n")
        }
        try out.append("    </PlacesParJour>\n  </GrilleHoraire>\n")
    }

    private func writeCourses(_ out: inout Chunks) throws {
        let byStart = Dictionary(export.slots.map { ($0.startsAt, $0.number) }, uniquingKeysWith: { a, _ in a })
        let byEnd = Dictionary(export.slots.map { ($0.endsAt, $0.number) }, uniquingKeysWith: { a, _ in a })
        let parts = Set(export.groups.filter { $0.classKey != nil }.map(\.key))
        try out.append("  <Cours>\n")
        for course in export.courses {
            guard let first = byStart[course.startsAt], let last = byEnd[course.endsAt], last >= first else {
                throw TimetableFileError(fileName: "export", reason: "\(course.origin)\u{00A0}: heures hors de la grille horaire")
            }
            let weeks = " Semaines=\"\(course.weeks.mask)\"/>"
            var xml = "    <Cours Jour=\"\(course.day)\" NumeroPlaceDebut=\"\(first)\" NombrePlaces=\"\(last - first + 1)\">\n"
            if let subject = course.subjectKey { xml += "      <Matiere Ident=\"\(subject.xmlEscaped)\"/>\n" }
            for (element, keys) in [("Professeur", course.teacherKeys), ("Classe", course.classKeys), ("Salle", course.roomKeys)] {
                for key in keys { xml += "      <\(element) Ident=\"\(key.xmlEscaped)\"\(weeks)\n" }
            }
            for key in course.groupKeys {
                xml += parts.contains(key) ? "      <PartieDeClasse Ident=\"\(Self.partIdent(key).xmlEscaped)\"\(weeks)\n"
                    : "      <Groupe Ident=\"\(key.xmlEscaped)\"\(weeks)\n"
            }
            try out.append(xml + "    </Cours>\n")
        }
        try out.append("  </Cours>\n")
    }

    private func list<T>(_ out: inout Chunks, _ name: String, _ items: [T], _ line: (T) -> String) throws {
        try out.append("  <\(name)>\n")
        for item in items { try out.append("    \(line(item))\n") }
        try out.append("  </\(name)>\n")
    }

    /// The reader keys a class part `partie-<Ident>`, apart from the groups: written back without it.
    static func partIdent(_ key: String) -> String {
        let prefix = TimetableEDTReader.partKey("")
        return key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : key
    }

    static func identity(_ person: TimetablePerson) -> String {
        var attributes = "Ident=\"\(person.key.xmlEscaped)\" Nom=\"\(person.lastName.xmlEscaped)\" Prenom=\"\(person.firstName.xmlEscaped)\""
        if let birthDate = person.birthDate { attributes += " DateNaissance=\"\(birthDate.iso)\"" }
        for id in person.ids {
            switch id.kind {
            case .idpn: attributes += " IDPN=\"\(id.value.xmlEscaped)\""
            case .sts: attributes += " IDSTS=\"\(id.value.xmlEscaped)\""
            case .ine: attributes += " NumeroNational=\"\(id.value.xmlEscaped)\""
            case .epj: continue
            }
        }
        return attributes
    }

    /// Buffers writes into 256 kB chunks.
    private struct Chunks {
        let handle: FileHandle
        var buffer = Data()

        init(handle: FileHandle) { self.handle = handle }

        mutating func append(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 256 << 10 { try flush() }
        }

        mutating func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
