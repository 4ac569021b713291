import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Year-change dashboard page")
struct YearChangeDashboardTests {
    @Test("An establishment's administrators and heads see its plan and checklist with the concrete lists; nobody else does")
    func access() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let path = "etablissements/\(academy.establishmentA.uai.code)/changement-d-annee"
            let group = try await Group.query(on: app.db).filter(\.$establishment.$id == academy.establishmentA.requireID())
                .filter(\.$kind == .manual).filter(\.$lifetime == .schoolYear).first()!
            _ = try await CalendarStore(sql: app.sql).add(.init(
                id: 0, label: "Purge et archivage", startsAt: TestClock.today.adding(days: 12).iso + "T18:00",
                endsAt: TestClock.today.adding(days: 20).iso + "T12:00", access: .publicOnly))
            // act
            let byAdmin = try await app.call(.GET, path, as: try await app.logIn(academy.adminA))
            let byHead = try await app.call(.GET, path, as: try await app.logIn(academy.headA))
            let byTeacher = try await app.call(.GET, path, as: try await app.logIn(academy.teacherA))
            let byAdminB = try await app.call(.GET, path, as: try await app.logIn(academy.adminB))
            let anonymous = try await app.call(.GET, path, as: HTTPHeaders())
            // check
            let page = byAdmin.body.string
            #expect(byAdmin.status == .ok)
            #expect(page.contains("Groupes créés à la main, limités à l&#39;année") || page.contains("Groupes créés à la main, limités à l'année"))
            #expect(page.contains(group.name))
            #expect(page.contains("Première fermeture dans 12 jours."))
            #expect(page.contains("Cahiers de textes des classes"))
            #expect(byHead.status == .ok)
            #expect(byTeacher.status == .forbidden && byAdminB.status == .forbidden)
            #expect(anonymous.status == .seeOther)
        }
    }
}
