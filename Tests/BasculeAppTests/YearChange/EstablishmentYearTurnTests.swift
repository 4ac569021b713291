import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// A year turns for an establishment as soon as its own change is done, whatever the others do:
/// in a région, one held establishment must not keep the change invisible to the others.
@Suite("Year change: each establishment's year turns with its own change")
struct EstablishmentYearTurnTests {
    private func state(_ fixture: YearChangeFixture, _ name: String) async throws -> SchoolYearState? {
        try await fixture.app.sql.raw("SELECT state FROM school_years WHERE name = \(bind: name)")
            .first(decodingColumn: "state", as: SchoolYearState.self)
    }

    private func inbox(_ app: Application, _ headers: HTTPHeaders, year: String? = nil) async throws -> [MailStore.Summary] {
        try await app.call(.GET, "api/v1/mail/inbox" + (year.map { "?year=\($0)" } ?? ""), as: headers)
            .decode([MailStore.Summary].self)
    }

    @Test("One establishment changed, the others not yet: its people are in the new year, the others' in the old")
    func oneEstablishmentChanged() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let academy = fixture.academy
            let studentA = try await app.logIn(academy.studentA)
            let studentB = try await app.logIn(academy.studentB)
            let inboxOfA = try await inbox(app, studentA)
            let inboxOfB = try await inbox(app, studentB)
            let unfiledOfA = inboxOfA.filter { !$0.isArchived! }.count
            // act
            let outcomes = try await fixture.run([fixture.uaiA])
            // check
            #expect(outcomes.map(\.state) == [.done])
            #expect(try await state(fixture, "2025-2026") == .current, "the région's year turns with the last establishment")
            #expect(try await state(fixture, "2026-2027") == .preparing)
            #expect(unfiledOfA > 0)
            let inboxNow = try await inbox(app, studentA)
            #expect(Set(inboxNow.map(\.deliveryID)).isDisjoint(with: inboxOfA.map(\.deliveryID)), "the new year's inbox starts empty")
            #expect(try await inbox(app, studentA, year: "2025-2026").count == inboxOfA.count - unfiledOfA,
                    "last year's inbox keeps only what was archived")
            #expect(try await inbox(app, studentB).map(\.deliveryID) == inboxOfB.map(\.deliveryID), "B has not changed")
            #expect(try await app.call(.GET, "accueil", as: studentA).body.string.contains("Année scolaire 2026-2027"))
            #expect(try await app.call(.GET, "accueil", as: studentB).body.string.contains("Année scolaire 2025-2026"))
            let headA = try await app.logIn(academy.headA)
            let sanctions = try await inbox(app, headA).filter { $0.subject.hasPrefix("Archive des sanctions") }
            #expect(sanctions.count == 1, "the head reads the sanctions in the establishment's new year")
        }
    }

    @Test("The last change turns the région's year; undoing every change, the first one first, puts everything back")
    func lastTurnsTheRegionAndUndoInAnyOrder() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let uais = try await fixture.engine.establishments([]).map(\.uai)
            let before = try await fixture.checksum()
            // act
            _ = try await fixture.run([fixture.uaiA])
            let others = uais.filter { $0 != fixture.uaiA }
            _ = try await fixture.run(others)
            let turned = try await state(fixture, "2026-2027")
            let pointers = try await fixture.count("establishments WHERE current_year_id = 2")
            try await fixture.engine.undo(uai: fixture.uaiA)
            let afterFirstUndo = try await fixture.app.sql.raw("""
                SELECT y.name FROM establishments e JOIN school_years y ON y.id = e.current_year_id WHERE e.id = \(bind: fixture.establishmentA)
                """).first(decodingColumn: "name", as: String.self)
            for uai in others.reversed() { try await fixture.engine.undo(uai: uai) }
            // check
            #expect(turned == .current)
            #expect(pointers == uais.count)
            #expect(afterFirstUndo == "2025-2026", "undone after the région turned, A stays in the year it left")
            #expect(try await state(fixture, "2025-2026") == .current)
            #expect(try await fixture.checksum() == before)
        }
    }
}
