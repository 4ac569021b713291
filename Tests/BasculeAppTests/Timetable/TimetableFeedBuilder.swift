import BasculeDomain
import BasculeGenerator
import Foundation

/// The AAF export of the people, classes and groups a timetable file names, for the tests that
/// import a real or hand-written file as a school would: its directory first, from the feed.
struct TimetableFeedBuilder {
    static let year = SchoolYearName(startYear: 2025)

    private(set) var batch: EstablishmentBatch
    private var subjects: [SubjectRow] = []
    private var classIDs: [String: Int] = [:]
    private var groupIDs: [String: Int] = [:]
    private var next = 0

    init(uai: String) throws {
        batch = EstablishmentBatch(establishment: EstablishmentRow(
            id: 1, uai: try UAI(feedCode: uai), name: "Établissement du fichier", kind: .college, academy: "lyon",
            aafJointure: "9900001"))
    }

    private mutating func id() -> Int { next += 1; return next }

    mutating func subject(code: String, label: String) {
        subjects.append(SubjectRow(id: id(), schoolYearID: 1, code: code, label: label))
    }

    mutating func schoolClass(_ key: String, code: String) {
        let id = id()
        classIDs[key] = id
        batch.classes.append(ClassRow(id: id, establishmentID: 1, schoolYearID: 1, code: code, level: ""))
    }

    mutating func group(_ key: String, code: String) {
        let id = id()
        groupIDs[key] = id
        batch.groups.append(GroupRow(id: id, establishmentID: 1, schoolYearID: 1, code: code, name: code, kind: .institutional))
    }

    /// A student in the classes and groups named by their keys (unknown keys are skipped).
    mutating func student(jointure: String, lastName: String, firstName: String, birthDate: CalendarDate?,
                          classes: [String], groups: [String]) {
        let account = id()
        batch.accounts.append(AccountRow(id: account, jointure: jointure, source: .feed, isPerennial: false, lastName: lastName,
                                         firstName: firstName, birthDate: birthDate, login: jointure.lowercased(), isOperator: false))
        batch.profiles.append(ProfileRow(id: id(), accountID: account, establishmentID: 1, kind: .student))
        for key in classes { if let container = classIDs[key] { add(container, account, toGroup: false) } }
        for key in groups { if let container = groupIDs[key] { add(container, account, toGroup: true) } }
    }

    mutating func teacher(jointure: String, lastName: String, firstName: String, birthDate: CalendarDate? = nil) {
        let account = id()
        batch.accounts.append(AccountRow(id: account, jointure: jointure, source: .feed, isPerennial: true, lastName: lastName,
                                         firstName: firstName, birthDate: birthDate, login: jointure.lowercased(), isOperator: false))
        batch.profiles.append(ProfileRow(id: id(), accountID: account, establishmentID: 1, kind: .teacher))
    }

    private mutating func add(_ container: Int, _ account: Int, toGroup: Bool) {
        let row = MembershipRow(id: id(), containerID: container, accountID: account, startsOn: Self.year.defaultStart)
        if toGroup { batch.groupMemberships.append(row) } else { batch.classMemberships.append(row) }
    }

    func write(to directory: String) throws {
        var writer = try AAFExportWriter(directory: directory, date: Self.year.defaultStart)
        try writer.write(subjects: subjects, mefs: [])
        try writer.write(batch, subjects: subjects, mefs: [])
        try writer.finish()
    }
}
