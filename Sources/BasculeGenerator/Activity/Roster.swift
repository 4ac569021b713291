import BasculeDomain

/// Who is who in a generated establishment: what the activity generator draws people from.
struct Roster: Sendable {
    let establishmentID: Int
    let yearID: Int
    var students: [Int] = []
    var parents: [Int] = []
    var teachers: [Int] = []
    /// Staff, heads and ENT administrators.
    var personnel: [Int] = []
    var heads: [Int] = []
    var classes: [ClassRow]
    var groups: [GroupRow]
    var teaching: [TeachingAssignmentRow]
    var classOf: [Int: Int] = [:]
    var studentsOfClass: [Int: [Int]] = [:]
    var studentsOfGroup: [Int: [Int]] = [:]
    var parentsOf: [Int: [Int]] = [:]
    var feedTeachers: Set<Int> = []

    init(_ batch: EstablishmentBatch) {
        establishmentID = batch.establishment.id
        yearID = batch.profiles.compactMap(\.schoolYearID).first ?? 1
        classes = batch.classes
        groups = batch.groups
        teaching = batch.teachingAssignments
        var seen = Set<Int>()
        for profile in batch.profiles where seen.insert(profile.accountID * 8 + profile.kind.hashOrder).inserted {
            switch profile.kind {
            case .student: students.append(profile.accountID)
            case .parent: parents.append(profile.accountID)
            case .teacher: teachers.append(profile.accountID)
            case .head: heads.append(profile.accountID); personnel.append(profile.accountID)
            case .staff, .entAdmin: personnel.append(profile.accountID)
            }
        }
        let fed = Set(batch.accounts.filter { $0.jointure != nil }.map(\.id))
        feedTeachers = Set(teachers.filter { fed.contains($0) })
        for membership in batch.classMemberships {
            classOf[membership.accountID] = membership.containerID
            studentsOfClass[membership.containerID, default: []].append(membership.accountID)
        }
        let studentSet = Set(students)
        for membership in batch.groupMemberships where studentSet.contains(membership.accountID) {
            studentsOfGroup[membership.containerID, default: []].append(membership.accountID)
        }
        for link in batch.parentLinks {
            parentsOf[link.studentID, default: []].append(link.parentID)
        }
    }

    /// The students a teaching assignment teaches.
    func audience(of assignment: TeachingAssignmentRow) -> [Int] {
        if let classID = assignment.classID { return studentsOfClass[classID] ?? [] }
        if let groupID = assignment.groupID { return studentsOfGroup[groupID] ?? [] }
        return []
    }
}

private extension ProfileKind {
    var hashOrder: Int { ProfileKind.allCases.firstIndex(of: self) ?? 0 }
}
