import BasculeDomain

/// The size of a synthetic académie. Proportions follow a real one: a collège has four levels of
/// four to five classes, a lycée three levels of ten to fourteen; about 1.6 parents per student.
public struct AcademyPreset: Sendable, Equatable {
    public let name: String
    public let colleges: Int
    public let lycees: Int
    public let lyceesPro: Int
    public let collegeClassesPerLevel: ClosedRange<Int>
    public let lyceeClassesPerLevel: ClosedRange<Int>
    public let classSize: ClosedRange<Int>

    public static let small = AcademyPreset(
        name: "small", colleges: 2, lycees: 1, lyceesPro: 0,
        collegeClassesPerLevel: 1...2, lyceeClassesPerLevel: 2...2, classSize: 25...30)

    public static let academie = AcademyPreset(
        name: "academie", colleges: 44, lycees: 12, lyceesPro: 4,
        collegeClassesPerLevel: 4...5, lyceeClassesPerLevel: 10...14, classSize: 25...35)

    public static let region = AcademyPreset(
        name: "region", colleges: 440, lycees: 120, lyceesPro: 40,
        collegeClassesPerLevel: 4...5, lyceeClassesPerLevel: 10...14, classSize: 25...35)

    /// One large lycée (about 2 000 students in 54 classes): the size a timetable import must
    /// handle in two seconds.
    public static let lycee = AcademyPreset(
        name: "lycee", colleges: 0, lycees: 1, lyceesPro: 0,
        collegeClassesPerLevel: 1...1, lyceeClassesPerLevel: 18...18, classSize: 35...38)

    public static let all = [small, academie, region, lycee]

    public static func named(_ name: String) -> AcademyPreset? {
        all.first { $0.name == name }
    }

    public var establishmentCount: Int { colleges + lycees + lyceesPro }
}
