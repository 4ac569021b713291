import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Access blocking: closure phases and the summer block, at login and on every request")
struct AccessBlockingTests {
    static func day(_ offset: Int) -> String { TestClock.today.adding(days: offset).iso + "T00:00" }

    /// A phase around now: started yesterday, ending in ten days.
    static func phase(_ access: AccessCalendar.Access) -> AccessCalendar.Phase {
        .init(id: 0, label: "Période de test", startsAt: day(-1), endsAt: day(10), access: access,
              liftFrom: access == .studentsAndParentsBlocked ? day(-1) : nil,
              extendUntil: access == .studentsAndParentsBlocked ? day(15) : nil)
    }

    func loginStatus(_ app: Application, _ account: Account) async throws -> TestResponse {
        try await app.call(.POST, "api/v1/session", as: HTTPHeaders(), json: ["login": .text(account.login),
                                                                             "password": .text(TestAcademy.password)])
    }

    @Test("Students and parents are refused at login with the reopening date; staff get in; an open session ends")
    func summerBlock() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            _ = try await CalendarStore(sql: app.sql).add(Self.phase(.studentsAndParentsBlocked))
            // act
            let studentLogin = try await loginStatus(app, academy.studentA)
            let parentLogin = try await loginStatus(app, academy.parentA)
            let teacherLogin = try await loginStatus(app, academy.teacherA)
            let openSession = try await app.call(.GET, "api/v1/me", as: student)
            let afterwards = try await app.call(.GET, "api/v1/me", as: student)
            // check
            #expect(studentLogin.status == .forbidden)
            #expect(studentLogin.body.string.replacingOccurrences(of: "\\/", with: "/").contains(French.date(TestClock.today.adding(days: 10))))
            #expect(parentLogin.status == .forbidden)
            #expect(teacherLogin.status == .ok)
            #expect(openSession.status == .forbidden)
            #expect(afterwards.status == .unauthorized)
        }
    }

    @Test("An establishment lifts its block within the limits; its students get in, other establishments' do not")
    func establishmentLiftsBlock() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let phase = try await CalendarStore(sql: app.sql).add(Self.phase(.studentsAndParentsBlocked))
            let admin = try await app.logIn(academy.adminA)
            let adminB = try await app.logIn(academy.adminB)
            let path = "api/v1/establishments/\(academy.establishmentA.uai.code)/access-block"
            // act
            let beyond = try await app.call(.PUT, path, as: admin, encodable: CalendarAPI.Block(phaseID: phase, endsAt: Self.day(30)))
            let byOther = try await app.call(.PUT, path, as: adminB, encodable: CalendarAPI.Block(phaseID: phase, endsAt: Self.day(-1)))
            let lifted = try await app.call(.PUT, path, as: admin, encodable: CalendarAPI.Block(
                phaseID: phase, endsAt: TestClock.today.adding(days: -1).iso + "T12:00"))
            let studentA = try await loginStatus(app, academy.studentA)
            let studentB = try await loginStatus(app, academy.studentB)
            // check
            #expect(beyond.status == .badRequest)
            #expect(byOther.status == .forbidden)
            #expect(lifted.status == .noContent)
            #expect(studentA.status == .ok)
            #expect(studentB.status == .forbidden)
        }
    }

    @Test("Public pages only: nobody but the operator signs in, public pages stay served, the login page says until when")
    func publicOnly() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            _ = try await CalendarStore(sql: app.sql).add(Self.phase(.publicOnly))
            // act
            let teacher = try await loginStatus(app, academy.teacherA)
            let operatorLogin = try await loginStatus(app, academy.operatorAccount)
            let publicPage = try await app.call(.GET, "etablissements/\(academy.establishmentA.uai.code)", as: HTTPHeaders())
            let loginPage = try await app.call(.GET, "connexion", as: HTTPHeaders())
            // check
            #expect(teacher.status == .serviceUnavailable)
            #expect(operatorLogin.status == .ok)
            #expect(publicPage.status == .ok)
            #expect(loginPage.body.string.contains("seules les pages publiques sont ouvertes"))
        }
    }

    @Test("Everything closed: public pages too, with the reopening date; only the operator's calendar routes answer")
    func everythingClosed() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let teacherHeaders = try await app.logIn(academy.teacherA)
            _ = try await CalendarStore(sql: app.sql).add(Self.phase(.closed))
            // act
            let publicPage = try await app.call(.GET, "etablissements/\(academy.establishmentA.uai.code)", as: HTTPHeaders())
            let byOperator = try await app.call(.GET, "api/v1/calendar", as: operatorHeaders)
            let byTeacher = try await app.call(.GET, "api/v1/me", as: teacherHeaders)
            let phaseByTeacher = try await app.call(.POST, "api/v1/calendar/phases", as: teacherHeaders,
                                                    encodable: Self.phase(.publicOnly))
            // check
            #expect(publicPage.status == .serviceUnavailable)
            #expect(publicPage.body.string.contains("jusqu'au"))
            #expect(byOperator.status == .ok)
            #expect(byTeacher.status == .serviceUnavailable)
            #expect(phaseByTeacher.status == .serviceUnavailable)
        }
    }

    @Test("Only the operator writes the calendar, and bad periods are refused with the reason")
    func calendarWrites() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let admin = try await app.logIn(academy.adminA)
            var backwards = Self.phase(.publicOnly)
            backwards.endsAt = Self.day(-5)
            var malformed = Self.phase(.publicOnly)
            malformed.startsAt = "23/07/2020 9h"
            // act
            let byAdmin = try await app.call(.POST, "api/v1/calendar/phases", as: admin, encodable: Self.phase(.publicOnly))
            let wrongOrder = try await app.call(.POST, "api/v1/calendar/phases", as: operatorHeaders, encodable: backwards)
            let wrongFormat = try await app.call(.POST, "api/v1/calendar/phases", as: operatorHeaders, encodable: malformed)
            let future = AccessCalendar.Phase(id: 0, label: "Plus tard", startsAt: Self.day(30), endsAt: Self.day(31), access: .publicOnly)
            let created = try await app.call(.POST, "api/v1/calendar/phases", as: operatorHeaders, encodable: future)
            // check
            #expect(byAdmin.status == .forbidden)
            #expect(wrongOrder.status == .badRequest)
            #expect(wrongFormat.status == .badRequest && wrongFormat.body.string.contains("AAAA-MM-JJTHH:MM"))
            #expect(created.status == .created)
        }
    }
}
