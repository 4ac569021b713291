import BasculeDomain

/// Turns AAF records into feed rows. A record that cannot be used (no name, an impossible
/// date, a malformed UAI) becomes a rejection with its reason; the export goes on.
public enum FeedMapping {
    public static func rows(from record: AAFRecord, kind: AAFKind, file: String) -> FeedRows {
        var rows = FeedRows()
        // A rejection is returned rather than appended from a closure: a closure capturing
        // `rows` while `rows` is passed `inout` is an overlapping access, which traps.
        let rejection: String? = switch kind {
        case .establishment: structure(from: record, into: &rows)
        case .subject, .mef: code(from: record, kind: kind, into: &rows)
        case .student, .parent, .personnel: person(from: record, kind: kind, into: &rows)
        }
        if let rejection {
            rows.rejections.append(FeedRejection(file: file, line: record.line, id: record.id, reason: rejection,
                                                 isTeacher: kind == .personnel ? AAFTeacherRule.isTeacher(record) : nil))
        }
        return rows
    }

    private static func structure(from record: AAFRecord, into rows: inout FeedRows) -> String? {
        let jointure = record.value("ENTStructureJointure") ?? record.id
        guard let code = record.value("ENTStructureUAI") ?? record.value("ENTEtablissementUAI") else {
            return "ENTStructureUAI manquant"
        }
        guard let uai = try? UAI(feedCode: code) else { return "ENTStructureUAI « \(code) » invalide" }
        rows.structures.append(FeedStructureRow(
            jointure: jointure, uai: uai.code, name: displayName(record.value("ENTStructureNomCourant") ?? uai.code),
            kind: establishmentKind(record.value("ENTStructureTypeStruct")),
            academy: (record.value("ENTServAcAcademie") ?? "").capitalized, line: record.line))
        return nil
    }

    private static func code(from record: AAFRecord, kind: AAFKind, into rows: inout FeedRows) -> String? {
        let (codeName, labelName) = kind == .subject ? ("ENTMatJointure", "ENTLibelleMatiere") : ("ENTMefJointure", "ENTLibelleMef")
        let code = record.value(codeName) ?? record.id
        rows.codes.append(FeedCodeRow(kind: kind, code: code, label: record.value(labelName) ?? code, line: record.line))
        return nil
    }

    /// The person's row and links, or why the record cannot be used.
    private static func person(from record: AAFRecord, kind: AAFKind, into rows: inout FeedRows) -> String? {
        let jointure = record.value("ENTPersonJointure") ?? record.id
        let whole = record.operation == .add
        let replaces = whole ? "*" : "," + record.attributes.keys.sorted().joined(separator: ",") + ","
        let last = record.value(AAFVocabulary.lastName), first = record.value(AAFVocabulary.firstName)
        guard record.operation != .delete else {
            rows.persons.append(FeedPersonRow(kind: kind, operation: .delete, replaces: "", jointure: record.id, lastName: nil,
                                              firstName: nil, birthDate: nil, email: nil, ine: nil, isTeacher: false, line: record.line))
            return nil
        }
        guard !whole || (last != nil && first != nil) else {
            return "nom (sn ou ENTPersonNom) ou prénom (givenName ou ENTPersonPrenom) manquant"
        }
        var birth: CalendarDate?
        if let text = record.value("ENTPersonDateNaissance") {
            do { birth = try CalendarDate(french: text) } catch {
                return "ENTPersonDateNaissance\u{00A0}: \(error)"
            }
        }
        let functions = record.fields("ENTPersonFonctions")
        rows.persons.append(FeedPersonRow(
            kind: kind, operation: record.operation, replaces: replaces, jointure: jointure, lastName: last, firstName: first,
            birthDate: birth,
            email: record.value(AAFVocabulary.mail), ine: kind == .student ? record.value("ENTEleveINE") : nil,
            isTeacher: kind == .personnel && AAFTeacherRule.isTeacher(record), line: record.line))

        func link(_ kind: FeedLinkRow.Kind, _ establishment: String, _ code: String = "", subject: String? = nil, flag: Bool = false) {
            rows.links.append(FeedLinkRow(person: jointure, kind: kind, establishment: establishment, code: code,
                                          subject: subject, flag: flag))
        }
        let attached = record.values("ENTPersonStructRattach")
        for establishment in attached { link(.attached, establishment) }
        let mef = record.value("ENTEleveMEF")
        for f in record.fields(AAFVocabulary.studentClasses) {
            if let code = containerCode(f) { link(.schoolClass, f[0], code, subject: mef) }
        }
        for f in record.fields(AAFVocabulary.studentGroups) {
            if let code = containerCode(f) { link(.group, f[0], code) }
        }
        let home = attached.first ?? ""
        let relations = record.fields("ENTElevePersRelEleve")
        if !relations.isEmpty {
            // `adult$relationship$financial$legal$contact$payment`: legal unless the field says 0.
            for f in relations where !f[0].isEmpty {
                link(.parent, home, f[0], flag: f.count > 3 && !f[3].isEmpty && f[3] != "0")
            }
        } else {
            // Older 2D exports and the 1D: the adults named by ENTEleveParents, -Pere, -Mere and
            // ENTEleveAutoriteParentale (`adult`, or `adult$…` in the 1D); those of the last are the
            // legal guardians, or all of them when it names nobody.
            let authority = record.fields("ENTEleveAutoriteParentale").compactMap(\.first).filter { !$0.isEmpty }
            let legal = Set(authority)
            var seen = Set<String>()
            for adult in record.values("ENTEleveParents") + record.values("ENTElevePere") + record.values("ENTEleveMere") + authority
                where seen.insert(adult).inserted {
                link(.parent, home, adult, flag: legal.isEmpty || legal.contains(adult))
            }
        }
        for f in record.fields("ENTAuxEnsClassesMatieres") where f.count >= 3 { link(.teachesClass, f[0], f[1], subject: f[2]) }
        for f in record.fields("ENTAuxEnsGroupesMatieres") where f.count >= 3 { link(.teachesGroup, f[0], f[1], subject: f[2]) }
        for f in record.fields("ENTAuxEnsClassesPrincipal") where f.count >= 2 { link(.headTeacher, f[0], f[1]) }
        for f in functions where f.count >= 2 && f[1] == "DIR" { link(.direction, f[0]) }
        return nil
    }

    /// A class or a group of a student: `establishment$code` in the 2D; in the 1D five fields,
    /// `establishment$…$…$id$name`, of which the name is what the école calls it (the id when
    /// there is no name).
    static func containerCode(_ fields: [String]) -> String? {
        let code = switch fields.count {
        case 5: fields[4].isEmpty ? fields[3] : fields[4]
        case 2...: fields[1]
        default: ""
        }
        return fields[0].isEmpty || code.isEmpty ? nil : code
    }

    /// "CLG$CLG INTEGRATION$PARIS": the `$` separate a short type, the name and the town.
    static func displayName(_ raw: String) -> String {
        let parts = raw.split(separator: "$").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return parts.count == 3 ? "\(parts[1]) (\(parts[2]))" : parts.joined(separator: " ")
    }

    static func establishmentKind(_ type: String?) -> EstablishmentKind {
        let type = (type ?? "").uppercased()
        if type.contains("PROF") || type == "LP" { return .lyceePro }
        if type.hasPrefix("LYC") { return .lycee }
        if type.hasPrefix("COL") || type == "CLG" { return .college }
        if type.hasPrefix("EREA") { return .erea }
        return .other
    }
}
