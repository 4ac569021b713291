/// What a line of an import's report counts: the records of the export, and what the import
/// builds from them. The operator checks the second half first: classes, memberships, links.
public enum FeedReportKind: String, Codable, Sendable, CaseIterable, Comparable {
    case establishment, subject, mef, student, parent
    /// Personnel the teacher rule (`AAFTeacherRule`) makes teachers, and the others.
    case teacher, staff
    case schoolClass = "class"
    case group
    case classMembership = "class_membership"
    case groupMembership = "group_membership"
    /// Responsible adults' links to a student, legal guardians or not.
    case legalGuardianLink = "legal_guardian_link"
    case otherGuardianLink = "other_guardian_link"
    case teachingAssignment = "teaching_assignment"
    case headTeacher = "head_teacher"
    /// `ENTPersonFonctions` of code `DIR`: the head profile of an establishment.
    case direction

    public var label: String {
        switch self {
        case .establishment: "établissements"
        case .subject: "matières"
        case .mef: "formations (MEF)"
        case .student: "élèves"
        case .parent: "responsables"
        case .teacher: "enseignants"
        case .staff: "autres personnels"
        case .schoolClass: "classes"
        case .group: "groupes"
        case .classMembership: "élèves dans une classe"
        case .groupMembership: "élèves dans un groupe"
        case .legalGuardianLink: "liens de responsable légal"
        case .otherGuardianLink: "liens d'autre responsable"
        case .teachingAssignment: "services d'enseignement"
        case .headTeacher: "professeurs principaux"
        case .direction: "fonctions de direction"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
