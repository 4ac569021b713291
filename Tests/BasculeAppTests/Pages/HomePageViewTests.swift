import BasculeDomain
import Testing
@testable import BasculeApp

/// The home page drawn from plain values, without a database or a server.
@Suite("Home page: what it shows, from plain values")
struct HomePageViewTests {
    static let thisYear = Viewer.Year(id: 1, name: SchoolYearName(startYear: 2025))
    static let nextYear = Viewer.Year(id: 2, name: SchoolYearName(startYear: 2026))
    static let context = PageContext(name: "Tom Test", csrf: "jeton", notice: nil)

    @Test("A person in two establishments sees each in its own year, the header in their own year")
    func twoEstablishmentsTwoYears() {
        // setup
        let viewer = Viewer(accountID: 7, isOperator: false, displayName: "Tom Test", year: Self.thisYear, memberships: [
            .init(establishmentID: 1, uai: "0750001U", establishmentName: "Collège A", kind: .teacher, year: Self.nextYear),
            .init(establishmentID: 2, uai: "0750002V", establishmentName: "Collège B", kind: .teacher, year: Self.thisYear),
        ])
        let sections = [
            HomePage.Section(title: "Collège A", uai: "0750001U", year: Self.nextYear.name, lines: [("Mes enseignements", ["6A — Français"])]),
            HomePage.Section(title: "Collège B", uai: "0750002V", year: Self.thisYear.name, lines: [("Mes enseignements", [])]),
        ]
        // act
        let html = HomePage.page(viewer: viewer, sections: sections, context: Self.context).render()
        // check
        #expect(html.contains("Année scolaire 2026-2027</p>"))
        #expect(html.contains("Année scolaire 2025-2026 dans cet établissement"))
        #expect(!html.contains("Année scolaire 2026-2027 dans cet établissement"))
        #expect(html.contains("6A — Français"))
        #expect(html.contains("Aucun"))
    }

    @Test("Between two years the page says so, and a person without a profile is told")
    func noYear() {
        // setup
        let viewer = Viewer(accountID: 8, isOperator: false, displayName: "Léa Test", year: nil, memberships: [])
        // act
        let html = HomePage.page(viewer: viewer, sections: [], context: Self.context).render()
        // check
        #expect(html.contains("Aucune année scolaire n'est en cours."))
        #expect(html.contains("Votre compte n'a aucun profil dans un établissement cette année."))
    }
}
