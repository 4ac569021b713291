import BasculeDomain
import BasculeFormats
import Foundation

/// Writes a synthetic académie as a full AAF export, in the real format: one file per kind
/// (split in parts of `recordsPerPart`), the records of each establishment appended as the
/// generator makes them. Manual accounts and groups, and timetable groups, are not the feed's
/// and are left out.
public struct AAFExportWriter {
    public let directory: String
    public let prefix: String
    public let date: CalendarDate
    public var recordsPerPart = 50_000
    /// Accounts to leave out (by id), to make an export where somebody has left.
    public var omitting: Set<Int> = []

    private var files: [AAFKind: (handle: FileHandle, part: Int, records: Int)] = [:]
    public private(set) var recordCount = 0

    public init(directory: String, prefix: String = "ENT_BASCULE", date: CalendarDate) throws {
        self.directory = directory
        self.prefix = prefix
        self.date = date
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    public mutating func write(header generator: AcademyGenerator) throws {
        try write(subjects: generator.subjects, mefs: generator.mefs)
    }

    /// The nomenclatures: subjects and MEFs.
    public mutating func write(subjects: [SubjectRow], mefs: [MefRow]) throws {
        for subject in subjects {
            try append(.subject, id: subject.code, category: "MatEducNat", [
                ("ENTMatJointure", [subject.code]), ("ENTLibelleMatiere", [subject.label]),
            ])
        }
        for mef in mefs {
            try append(.mef, id: mef.code, category: "MefEducNat", [("ENTMefJointure", [mef.code]), ("ENTLibelleMef", [mef.label])])
        }
    }

    public mutating func write(_ batch: EstablishmentBatch, subjects: [SubjectRow], mefs: [MefRow]) throws {
        let e = batch.establishment
        guard let est = e.aafJointure else { return }
        let type = switch e.kind {
        case .college: "COLLEGE"
        case .lycee: "LYCEE GENERAL ET TECHNOLOGIQUE"
        case .lyceePro: "LYCEE PROFESSIONNEL"
        case .erea: "EREA"
        case .other: "AUTRE"
        }
        try append(.establishment, id: est, category: "EtabEducNat", [
            ("ENTStructureJointure", [est]), ("ENTStructureUAI", [e.uai.code]),
            ("ENTStructureNomCourant", [Self.nomCourant(e.name, type: e.kind)]),
            ("ENTStructureTypeStruct", [type]), ("ENTServAcAcademie", [e.academy.uppercased()]),
        ])
        let accounts = Dictionary(uniqueKeysWithValues: batch.accounts.map { ($0.id, $0) })
        let classCodes = Dictionary(uniqueKeysWithValues: batch.classes.map { ($0.id, $0.code) })
        let groupCodes = Dictionary(uniqueKeysWithValues: batch.groups.filter { $0.kind == .institutional }.map { ($0.id, $0.code) })
        let subjectCodes = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id, $0.code) })
        let mefCodes = Dictionary(uniqueKeysWithValues: mefs.map { ($0.id, $0.code) })
        let classMef = Dictionary(uniqueKeysWithValues: batch.classes.map { ($0.id, $0.mefID.flatMap { mefCodes[$0] }) })
        let classesOf = Dictionary(grouping: batch.classMemberships, by: \.accountID)
        let groupsOf = Dictionary(grouping: batch.groupMemberships.filter { groupCodes[$0.containerID] != nil }, by: \.accountID)
        let parentsOf = Dictionary(grouping: batch.parentLinks, by: \.studentID)
        let teachingOf = Dictionary(grouping: batch.teachingAssignments, by: \.teacherID)
        let headOf = Dictionary(grouping: batch.headTeachers, by: \.teacherID)
        let kindsOf = Dictionary(grouping: batch.profiles, by: \.accountID).mapValues { Set($0.map(\.kind)) }
        let jointure = { (id: Int) in accounts[id]?.jointure }
        var writtenParents = Set<Int>()

        for account in batch.accounts where account.source == .feed && !omitting.contains(account.id) {
            let kinds = kindsOf[account.id] ?? []
            var attributes = identity(account)
            if kinds.contains(.student) {
                attributes += [
                    ("ENTEleveINE", account.ine.map { [$0] } ?? []), ("ENTPersonStructRattach", [est]),
                    ("ENTEleveMEF", (classesOf[account.id] ?? []).compactMap { classMef[$0.containerID] ?? nil }.prefix(1).map { $0 }),
                    ("ENTEleveClasses", (classesOf[account.id] ?? []).compactMap { classCodes[$0.containerID].map { "\(est)$\($0)" } }),
                    ("ENTEleveGroupes", (groupsOf[account.id] ?? []).compactMap { groupCodes[$0.containerID].map { "\(est)$\($0)" } }),
                    ("ENTElevePersRelEleve", (parentsOf[account.id] ?? []).compactMap { link in
                        jointure(link.parentID).map { "\($0)$10$1$\(link.isLegalGuardian ? 1 : 0)$1$0" }
                    }),
                ]
                try append(.student, id: account.jointure!, category: "Eleve", attributes)
            } else if kinds.contains(.parent) {
                guard writtenParents.insert(account.id).inserted else { continue }
                try append(.parent, id: account.jointure!, category: "PersRelEleve", attributes)
            } else {
                let teaching = teachingOf[account.id] ?? []
                var functions: [String] = []
                if kinds.contains(.head) { functions.append("\(est)$DIR$DIRECTION$D0010$CHEF D'ETABLISSEMENT") }
                if kinds.contains(.teacher) { functions.append("\(est)$ENS$ENSEIGNEMENT$L0000$ENSEIGNANT") }
                attributes += [
                    ("ENTPersonStructRattach", [est]),
                    ("ENTAuxEnsClassesMatieres", teaching.compactMap { t in
                        t.classID.flatMap { classCodes[$0] }.flatMap { c in subjectCodes[t.subjectID].map { "\(est)$\(c)$\($0)" } }
                    }),
                    ("ENTAuxEnsGroupesMatieres", teaching.compactMap { t in
                        t.groupID.flatMap { groupCodes[$0] }.flatMap { g in subjectCodes[t.subjectID].map { "\(est)$\(g)$\($0)" } }
                    }),
                    ("ENTAuxEnsClassesPrincipal", (headOf[account.id] ?? []).compactMap { classCodes[$0.classID].map { "\(est)$\($0)" } }),
                    ("ENTPersonFonctions", functions),
                    ("PersEducNatPresenceDevantEleves", [kinds.contains(.teacher) ? "O" : "N"]),
                ]
                try append(.personnel, id: account.jointure!, category: "PersEducNat", attributes)
            }
        }
    }

    private func identity(_ account: AccountRow) -> [(String, [String])] {
        [("ENTPersonJointure", [account.jointure!]), ("sn", [account.lastName]), ("givenName", [account.firstName]),
         ("ENTPersonDateNaissance", account.birthDate.map { [$0.french] } ?? []), ("mail", account.email.map { [$0] } ?? [])]
    }

    /// Closes every file with its root element.
    public mutating func finish() throws {
        for (_, file) in files { try close(file.handle) }
        files = [:]
    }

    private mutating func append(_ kind: AAFKind, id: String, category: String, _ attributes: [(String, [String])]) throws {
        var file = try files[kind] ?? open(kind, part: 0)
        if file.records >= recordsPerPart {
            try close(file.handle)
            file = try open(kind, part: file.part + 1)
        }
        var xml = "<addRequest>\n<operationalAttributes><attr name=\"\(kind.categoryAttribute)\"><value>\(category)</value></attr></operationalAttributes>\n"
        xml += "<identifier><id>\(id.xmlEscaped)</id></identifier>\n<attributes>\n"
        for (name, values) in attributes {
            xml += "<attr name=\"\(name)\">"
            xml += values.isEmpty ? "<value/>" : values.map { "<value>\($0.xmlEscaped)</value>" }.joined()
            xml += "</attr>\n"
        }
        xml += "</attributes>\n</addRequest>\n"
        try file.handle.write(contentsOf: Data(xml.utf8))
        file.records += 1
        files[kind] = file
        recordCount += 1
    }

    private func open(_ kind: AAFKind, part: Int) throws -> (handle: FileHandle, part: Int, records: Int) {
        let day = date.iso.replacingOccurrences(of: "-", with: "")
        let path = (directory as NSString).appendingPathComponent(
            "\(prefix)_Complet_\(day)_\(kind.rawValue)_\(String(format: "%04d", part)).xml")
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw AAFError(file: path, reason: "écriture impossible")
        }
        try handle.write(contentsOf: Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">
            <ficAlimMENESR>
            <!-- versionAF="AAF-VE2407" -->
            <!-- degre="2D" -->
            <!-- dateGenerationExport="\(date.french)" -->

            """.utf8))
        return (handle, part, 0)
    }

    private func close(_ handle: FileHandle) throws {
        try handle.write(contentsOf: Data("</ficAlimMENESR>\n".utf8))
        try handle.close()
    }

    /// "Collège Jean Moulin (Lyon)" → "CLG$Collège Jean Moulin$Lyon", the feed's way.
    static func nomCourant(_ name: String, type: EstablishmentKind) -> String {
        let short = switch type {
        case .college: "CLG"
        case .lycee: "LYC"
        case .lyceePro: "LP"
        default: "ETAB"
        }
        guard name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) else { return "\(short)$\(name)" }
        return "\(short)$\(name[..<open.lowerBound])$\(name[open.upperBound...].dropLast())"
    }
}
