import BasculeDomain

/// The lists of an EDT export, and the people in them.
extension TimetableEDTReader {
    func fail(_ node: TimetableXMLNode, _ reason: String) -> TimetableFileError {
        TimetableFileError(fileName: fileName, location: .line(node.line), reason: reason)
    }

    func entries(_ root: TimetableXMLNode, _ list: String, _ item: String) throws(TimetableFileError) -> [TimetableXMLNode] {
        let nodes = root.children(named: list).flatMap { $0.children(named: item) }
        guard nodes.count <= limits.maxEntries else {
            throw fail(root.child(named: list)!, "plus de \(limits.maxEntries) éléments \(item) (limite maxEntries)")
        }
        return nodes
    }

    func required(_ node: TimetableXMLNode, _ attribute: String) throws(TimetableFileError) -> String {
        guard let value = node.attribute(attribute), !value.isEmpty else {
            throw fail(node, "élément \(node.name) sans attribut \(attribute)")
        }
        return value
    }

    /// An empty date is read as no date: the real 2012-13 sample has one student with `DateNaissance=""`.
    func optionalDate(_ node: TimetableXMLNode, _ attribute: String) throws(TimetableFileError) -> CalendarDate? {
        guard let text = node.attribute(attribute), !text.isEmpty else { return nil }
        do { return try CalendarDate(iso: text) } catch {
            throw fail(node, "date « \(text) » illisible dans l'attribut \(attribute) (attendu AAAA-MM-JJ)")
        }
    }

    func date(_ node: TimetableXMLNode, _ attribute: String) throws(TimetableFileError) -> CalendarDate {
        guard let date = try optionalDate(node, attribute) else {
            throw fail(node, "élément \(node.name) sans date \(attribute)")
        }
        return date
    }

    func person(_ node: TimetableXMLNode, idAttributes: [(String, TimetablePersonID.Kind)]) throws(TimetableFileError) -> TimetablePerson {
        let ids = idAttributes.compactMap { attribute, kind in
            node.attribute(attribute).flatMap { $0.isEmpty ? nil : TimetablePersonID(kind, $0) }
        }
        return TimetablePerson(key: try required(node, "Ident"), lastName: node.attribute("Nom") ?? "",
                               firstName: node.attribute("Prenom") ?? "", birthDate: try optionalDate(node, "DateNaissance"),
                               ids: ids)
    }

    /// For each class and class part, the groups made of it: a student in a class part is, by
    /// EDT's rules, in every group that contains it, over the same dates.
    static func groupsContaining(_ groups: [TimetableXMLNode]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for group in groups {
            guard let key = group.attribute("Ident") else { continue }
            for member in group.children(named: "Classe") {
                if let ident = member.attribute("Ident") { result["classe-\(ident)", default: []].append(key) }
            }
            for member in group.children(named: "PartieDeClasse") {
                if let ident = member.attribute("Ident") { result[partKey(ident), default: []].append(key) }
            }
        }
        return result
    }

    func memberships(_ node: TimetableXMLNode, calendar: TimetableCalendar,
                     groupsOf: [String: [String]]) throws(TimetableFileError) -> [TimetableMembership] {
        var result: [TimetableMembership] = []
        for member in node.children where member.name == "Classe" || member.name == "PartieDeClasse" {
            let ident = try required(member, "Ident")
            let start = try optionalDate(member, "DateEntree"), end = try optionalDate(member, "DateSortie")
            for date in [start, end].compactMap({ $0 }) where date < calendar.startsOn || date > calendar.endsOn {
                throw fail(member, "date \(date) hors de l'année scolaire (\(calendar.startsOn) – \(calendar.endsOn))")
            }
            let isClass = member.name == "Classe"
            let own: TimetableMembership.Target = isClass ? .schoolClass(ident) : .group(Self.partKey(ident))
            result.append(TimetableMembership(target: own, startsOn: start, endsOn: end))
            for group in groupsOf[isClass ? "classe-\(ident)" : Self.partKey(ident)] ?? [] {
                result.append(TimetableMembership(target: .group(group), startsOn: start, endsOn: end))
            }
        }
        // Direct members (`Groupe/Eleve`) exist only in later exports and are not read here.
        return result
    }
}
