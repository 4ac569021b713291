import BasculeDomain

/// UDT's divisions (`_08`), groups (`_19`), regroupements (`_13`), teachers (`_04`) and
/// students with their groups (`_10`, `_21`).
extension TimetableUDTReader {
    struct Audiences {
        var classes: [TimetableExportClass] = []
        var groups: [TimetableExportGroup] = []
        /// For a group or a whole division, the regroupements made of it.
        var regroupementsOf: [TimetableMembership.Target: [String]] = [:]
        /// Groups of `_19` without `code_sts`, left aside as EC does: seen in exports since 2020.
        var groupsWithoutSTSCode = 0
    }

    /// A UDT group is known by its division and its code, as the course lines name it.
    static func groupKey(division: String, code: String) -> String { "\(division)/\(code)" }
    static func regroupementKey(_ code: String) -> String { "rgpmt/\(code)" }

    func readAudiences(divisions: TimetableUDTFile?, groups: TimetableUDTFile?,
                       regroupements: TimetableUDTFile?) throws(TimetableFileError) -> Audiences {
        var result = Audiences()
        for node in try divisions?.entities("div") ?? [] {
            let code = try required(divisions!, node, "code")
            result.classes.append(TimetableExportClass(key: code, name: code))
        }
        for node in try groups?.entities("gpe") ?? [] {
            let division = try required(groups!, node, "code_div"), code = node.attribute("code") ?? ""
            guard let name = node.attribute("code_sts"), !name.isEmpty else { result.groupsWithoutSTSCode += 1; continue }
            result.groups.append(TimetableExportGroup(key: Self.groupKey(division: division, code: code), name: name))
        }
        let known = Set(result.groups.map(\.key))
        for node in try regroupements?.entities("rgpmt") ?? [] {
            let code = try required(regroupements!, node, "code"), division = try required(regroupements!, node, "code_div")
            let key = Self.regroupementKey(code)
            result.groups.append(TimetableExportGroup(key: key, name: node.attribute("nom").flatMap { $0.isEmpty ? nil : $0 } ?? code))
            let group = node.attribute("code_gpe").flatMap { $0.isEmpty ? nil : Self.groupKey(division: division, code: $0) }
            if let group, !known.contains(group) { continue }
            result.regroupementsOf[group.map { .group($0) } ?? .schoolClass(division), default: []].append(key)
        }
        return result
    }

    /// Teachers without a main subject are other staff in UDT, and EC leaves them out too.
    func readTeachers(_ file: TimetableUDTFile?) throws(TimetableFileError) -> [TimetablePerson] {
        var teachers: [TimetablePerson] = []
        for node in try file?.entities("prof") ?? [] where node.attribute("code_matppl")?.isEmpty == false {
            let epj = node.attribute("epj").flatMap { $0.isEmpty ? nil : TimetablePersonID(.epj, $0) }
            teachers.append(TimetablePerson(key: try required(file!, node, "code"), lastName: node.attribute("nom") ?? "",
                                            firstName: node.attribute("prenom") ?? "",
                                            birthDate: try optionalDate(file!, node, "date_naissance"), ids: epj.map { [$0] } ?? []))
        }
        return teachers
    }

    /// Students and their memberships; a membership of a student `_10` does not list, or of a
    /// group left aside, is counted in `skipped` for the report.
    func readStudents(_ file: TimetableUDTFile?, memberships: TimetableUDTFile?, audiences: Audiences,
                      year: TimetableUDTYear) throws(TimetableFileError) -> (students: [TimetablePerson], skipped: Int) {
        var students = try (file?.entities("eleve") ?? []).map { node throws(TimetableFileError) in
            TimetablePerson(key: try required(file!, node, "code"), lastName: node.attribute("nom") ?? "",
                            firstName: node.attribute("prenom") ?? "", birthDate: try optionalDate(file!, node, "naissance"))
        }
        let index = Dictionary(students.indices.map { (students[$0].key, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = Set(audiences.groups.map(\.key))
        var skipped = 0
        for node in try memberships?.entities("ele_gpe") ?? [] {
            let division = try required(memberships!, node, "code_div")
            let own: TimetableMembership.Target = node.attribute("gpe").flatMap { $0.isEmpty ? nil : $0 }
                .map { .group(Self.groupKey(division: division, code: $0)) } ?? .schoolClass(division)
            guard let student = node.attribute("ele").flatMap({ index[$0] }), !own.isGroup || groups.contains(own.key) else {
                skipped += 1
                continue
            }
            let spans = try year.spans(node.attribute("semaines"), file: memberships!, node)
            for target in [own] + (audiences.regroupementsOf[own] ?? []).map({ .group($0) }) {
                students[student].memberships += spans.map { TimetableMembership(target: target, startsOn: $0.start, endsOn: $0.end) }
            }
        }
        return (students, skipped)
    }

    func required(_ file: TimetableUDTFile, _ node: TimetableXMLNode, _ attribute: String) throws(TimetableFileError) -> String {
        guard let value = node.attribute(attribute), !value.isEmpty else {
            throw file.fail(node, "élément \(node.name) sans attribut \(attribute)")
        }
        return value
    }

    private func optionalDate(_ file: TimetableUDTFile, _ node: TimetableXMLNode,
                              _ attribute: String) throws(TimetableFileError) -> CalendarDate? {
        guard let text = node.attribute(attribute), !text.isEmpty else { return nil }
        do { return try CalendarDate(timetable: text) } catch {
            throw file.fail(node, "date « \(text) » illisible dans l'attribut \(attribute) (attendu JJ/MM/AAAA)")
        }
    }
}

extension TimetableMembership.Target {
    var isGroup: Bool { if case .group = self { true } else { false } }
    var key: String {
        switch self {
        case .group(let key), .schoolClass(let key): key
        }
    }
}
