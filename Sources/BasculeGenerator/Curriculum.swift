import BasculeDomain

/// What the generator teaches: national subject codes, MEF codes and levels.
struct SubjectSpec: Sendable {
    let code: String
    let label: String
    /// Classes (or groups) one teacher of this subject takes, from its weekly hours.
    let classesPerTeacher: Int
}

struct LevelSpec: Sendable {
    let name: String
    let codePrefix: String
    let mefCode: String
    let mefLabel: String
    /// Age at the rentrée.
    let age: Int
    let subjects: [String]
    /// Subjects taught in groups across the level's classes, not per class.
    let groupSubjects: [String]
}

enum Curriculum {
    static let subjects: [SubjectSpec] = [
        .init(code: "020700", label: "FRANCAIS", classesPerTeacher: 4),
        .init(code: "061300", label: "MATHEMATIQUES", classesPerTeacher: 5),
        .init(code: "040700", label: "HISTOIRE-GEOGRAPHIE", classesPerTeacher: 6),
        .init(code: "030201", label: "ANGLAIS LV1", classesPerTeacher: 6),
        .init(code: "030602", label: "ESPAGNOL LV2", classesPerTeacher: 7),
        .init(code: "030102", label: "ALLEMAND LV2", classesPerTeacher: 7),
        .init(code: "062900", label: "SCIENCES DE LA VIE ET DE LA TERRE", classesPerTeacher: 10),
        .init(code: "063300", label: "PHYSIQUE-CHIMIE", classesPerTeacher: 9),
        .init(code: "067300", label: "TECHNOLOGIE", classesPerTeacher: 12),
        .init(code: "083400", label: "ARTS PLASTIQUES", classesPerTeacher: 18),
        .init(code: "084400", label: "EDUCATION MUSICALE", classesPerTeacher: 18),
        .init(code: "100100", label: "EDUCATION PHYSIQUE ET SPORTIVE", classesPerTeacher: 5),
        .init(code: "013000", label: "PHILOSOPHIE", classesPerTeacher: 5),
        .init(code: "076700", label: "SCIENCES ECONOMIQUES ET SOCIALES", classesPerTeacher: 8),
        .init(code: "200100", label: "ENSEIGNEMENT PROFESSIONNEL", classesPerTeacher: 3),
        .init(code: "009800", label: "ACCOMPAGNEMENT PERSONNALISE", classesPerTeacher: 12),
    ]

    private static let collegeCore = ["020700", "061300", "040700", "030201", "062900", "063300",
                                      "067300", "083400", "084400", "100100"]
    private static let lyceeCore = ["020700", "061300", "040700", "030201", "062900", "063300", "100100"]
    private static let lv2 = ["030602", "030102"]

    static let college: [LevelSpec] = [
        .init(name: "6e", codePrefix: "6", mefCode: "10010012110", mefLabel: "6EME", age: 11,
              subjects: collegeCore, groupSubjects: []),
        .init(name: "5e", codePrefix: "5", mefCode: "10110001110", mefLabel: "5EME", age: 12,
              subjects: collegeCore, groupSubjects: lv2),
        .init(name: "4e", codePrefix: "4", mefCode: "10210001110", mefLabel: "4EME", age: 13,
              subjects: collegeCore, groupSubjects: lv2),
        .init(name: "3e", codePrefix: "3", mefCode: "10310019110", mefLabel: "3EME", age: 14,
              subjects: collegeCore, groupSubjects: lv2),
    ]

    static let lycee: [LevelSpec] = [
        .init(name: "2de", codePrefix: "2", mefCode: "20010018110", mefLabel: "2NDE GENERALE ET TECHNO", age: 15,
              subjects: lyceeCore + ["076700"], groupSubjects: lv2),
        .init(name: "1re", codePrefix: "1", mefCode: "20112001110", mefLabel: "1ERE GENERALE", age: 16,
              subjects: ["020700", "040700", "030201", "100100"], groupSubjects: lv2 + ["061300", "063300", "076700"]),
        .init(name: "Tle", codePrefix: "T", mefCode: "20212001110", mefLabel: "TERMINALE GENERALE", age: 17,
              subjects: ["013000", "040700", "030201", "100100"], groupSubjects: lv2 + ["061300", "063300", "076700"]),
    ]

    static let lyceePro: [LevelSpec] = [
        .init(name: "2de pro", codePrefix: "2P", mefCode: "24020000110", mefLabel: "2NDPRO", age: 15,
              subjects: ["020700", "061300", "040700", "030201", "100100", "200100"], groupSubjects: []),
        .init(name: "1re pro", codePrefix: "1P", mefCode: "24120000110", mefLabel: "1ERE PRO", age: 16,
              subjects: ["020700", "061300", "040700", "030201", "100100", "200100"], groupSubjects: []),
        .init(name: "Tle pro", codePrefix: "TP", mefCode: "24220000110", mefLabel: "TERMINALE PRO", age: 17,
              subjects: ["020700", "061300", "040700", "030201", "100100", "200100"], groupSubjects: []),
    ]

    static func levels(for kind: EstablishmentKind) -> [LevelSpec] {
        switch kind {
        case .college: college
        case .lycee: lycee
        case .lyceePro: lyceePro
        case .erea, .other: college
        }
    }

    static var allLevels: [LevelSpec] { college + lycee + lyceePro }
}
