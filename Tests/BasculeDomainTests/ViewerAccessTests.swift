import Testing
@testable import BasculeDomain

@Suite("Viewer: the access decisions that need no query")
struct ViewerAccessTests {
    static let year = Viewer.Year(id: 1, name: SchoolYearName(startYear: 2025))

    static func viewer(_ memberships: [(Int, ProfileKind)], isOperator: Bool = false, year: Viewer.Year? = Self.year) -> Viewer {
        Viewer(accountID: 10, isOperator: isOperator, displayName: "Léa Martin", year: year,
               memberships: memberships.map { .init(establishmentID: $0.0, uai: "UAI\($0.0)", establishmentName: "Lycée \($0.0)", kind: $0.1,
                                               year: year) })
    }

    @Test("Each establishment in its own year: the viewer's own year is the latest of them, and the région's stays")
    func ownYears() {
        // setup
        let next = Viewer.Year(id: 2, name: SchoolYearName(startYear: 2026))
        let changed = Viewer.Membership(establishmentID: 1, uai: "UAI1", establishmentName: "Lycée 1", kind: .teacher, year: next)
        let held = Viewer.Membership(establishmentID: 2, uai: "UAI2", establishmentName: "Lycée 2", kind: .teacher, year: Self.year)
        // act
        let both = Viewer(accountID: 10, isOperator: false, displayName: "Tom", year: Self.year, memberships: [held, changed])
        let onlyHeld = Viewer(accountID: 11, isOperator: false, displayName: "Zoé", year: Self.year, memberships: [held])
        let nobody = Viewer(accountID: 12, isOperator: true, displayName: "Opérateur", year: Self.year, memberships: [])
        // check
        #expect(both.year(in: 1) == next && both.year(in: 2) == Self.year && both.year(in: 3) == nil)
        #expect(both.ownYear == next && both.yearIDs == [1, 2] && both.year == Self.year)
        #expect(onlyHeld.ownYear == Self.year && onlyHeld.yearIDs == [1])
        #expect(nobody.ownYear == Self.year && nobody.yearIDs == [1])
    }

    @Test("A teacher sees their establishment's classes but does not administer it; nothing of another")
    func teacher() {
        let teacher = Self.viewer([(1, .teacher)])
        #expect(teacher.canSee(establishmentID: 1) && teacher.seesAllClasses(of: 1) && teacher.isPersonnel(of: 1))
        #expect(!teacher.administers(1) && teacher.administeredUAIs.isEmpty)
        #expect(!teacher.canSee(establishmentID: 2) && !teacher.seesAllClasses(of: 2))
    }

    @Test("Students and parents belong to their establishment without seeing all its classes")
    func studentAndParent() {
        let parent = Self.viewer([(1, .parent), (2, .student)])
        #expect(parent.canSee(establishmentID: 1) && parent.canSee(establishmentID: 2))
        #expect(!parent.seesAllClasses(of: 1) && !parent.seesAllClasses(of: 2))
        #expect(parent.isParent && parent.isStudent)
        #expect(parent.kindsByEstablishment == [1: [.parent], 2: [.student]])
    }

    @Test("Administrators and heads administer their establishment, listed once by name; the operator every one")
    func administrators() {
        let head = Self.viewer([(2, .head), (2, .staff), (1, .entAdmin), (3, .teacher)])
        #expect(head.administers(1) && head.administers(2) && !head.administers(3))
        #expect(head.administeredUAIs == ["UAI1", "UAI2"])
        #expect(head.establishments.map(\.id) == [1, 2, 3])
        let operatorViewer = Self.viewer([], isOperator: true)
        #expect(operatorViewer.administers(7) && operatorViewer.seesAllClasses(of: 7) && operatorViewer.canSee(establishmentID: 7))
    }

    @Test("Between two years there is no current year")
    func noCurrentYear() throws {
        #expect(try Self.viewer([(1, .teacher)]).currentYear() == Self.year)
        #expect(throws: Viewer.Failure.noCurrentYear) { try Self.viewer([(1, .teacher)], year: nil).currentYear() }
    }
}
