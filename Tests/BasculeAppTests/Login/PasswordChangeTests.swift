import BasculeDomain
import BasculeStorage
import Testing
import Vapor
@testable import BasculeApp

/// One's own password changed with the current one, on the page and the API; a temporary one
/// given by the account's administrators, which opens nothing but the change.
@Suite("Passwords: change and reset")
struct PasswordChangeTests {
    func change(_ app: Application, _ headers: HTTPHeaders, current: String, new: String) async throws -> TestResponse {
        try await app.call(.PUT, "api/v1/me/password", as: headers,
                           json: ["currentPassword": .text(current), "newPassword": .text(new)])
    }

    @Test("PUT /api/v1/me/password: the current password is required, the rule applies, then only the new one opens")
    func changeOwn() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let teacher = try await app.logIn(academy.teacherA)
            // act
            let wrongCurrent = try await change(app, teacher, current: "pas-le-bon", new: "Tigre-Velo-42")
            let weak = try await change(app, teacher, current: TestAcademy.password, new: "azerty123")
            let withLogin = try await change(app, teacher, current: TestAcademy.password, new: academy.teacherA.login + "-Zz9!")
            let done = try await change(app, teacher, current: TestAcademy.password, new: "Tigre-Velo-42")
            let old = try await app.call(.POST, "api/v1/session", as: HTTPHeaders(),
                                         json: ["login": .text(academy.teacherA.login), "password": .text(TestAcademy.password)])
            let new = try await app.logIn(academy.teacherA, password: "Tigre-Velo-42")
            // check
            #expect(wrongCurrent.status == .forbidden)
            #expect(weak.status == .badRequest && weak.body.string.contains("12 caractères"))
            #expect(withLogin.status == .badRequest && withLogin.body.string.contains("identifiant"))
            #expect(done.status == .noContent)
            #expect(old.status == .unauthorized)
            #expect(try await app.status("api/v1/me", as: new) == .ok)
        }
    }

    @Test("/mot-de-passe: a form with its token; posted, the password changes; without the token, refused")
    func page() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            let fields = [("actuel", TestAcademy.password), ("nouveau", "cheval agrafe pile correcte"), ("confirmation", "cheval agrafe pile correcte")]
            // act
            let form = try await app.call(.GET, "mot-de-passe", as: student).body.string
            let forged = try await app.submit("mot-de-passe", as: student, fields: fields, withToken: false)
            let mismatch = try await app.submit("mot-de-passe", as: student, fields: [fields[0], fields[1], ("confirmation", "autre")])
            let posted = try await app.submit("mot-de-passe", as: student, fields: fields)
            // check
            #expect(form.contains("name=\"_csrf\"") && form.contains("name=\"nouveau\""))
            #expect(forged.status == .forbidden)
            #expect(mismatch.status == .badRequest)
            #expect(posted.status == .seeOther && posted.headers.first(name: .location) == "/accueil")
            #expect(try await app.status("api/v1/me", as: try await app.logIn(academy.studentA, password: "cheval agrafe pile correcte")) == .ok)
        }
    }

    @Test("An administrator of the account's establishment resets it; the temporary password opens only the change, then all")
    func reset() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let id = try academy.teacherA.requireID()
            let adminA = try await app.logIn(academy.adminA)
            let adminB = try await app.logIn(academy.adminB)
            let student = try await app.logIn(academy.studentA)
            // act
            let byOtherAdmin = try await app.call(.POST, "api/v1/accounts/\(id)/password-reset", as: adminB).status
            let byStudent = try await app.call(.POST, "api/v1/accounts/\(id)/password-reset", as: student).status
            let reset = try await app.call(.POST, "api/v1/accounts/\(id)/password-reset", as: adminA)
            let temporary = try reset.decode(PasswordRoutes.Reset.self).temporaryPassword
            let teacher = try await app.logIn(academy.teacherA, password: temporary)
            let meBefore = try await app.call(.GET, "api/v1/me", as: teacher)
            let homeBefore = try await app.call(.GET, "accueil", as: teacher)
            let changed = try await change(app, teacher, current: temporary, new: "Tigre-Velo-42")
            let meAfter = try await app.status("api/v1/me", as: teacher)
            // check
            #expect(byOtherAdmin == .forbidden && byStudent == .forbidden)
            #expect(reset.status == .ok && PasswordRule.problems(temporary, login: "").isEmpty)
            #expect(meBefore.status == .forbidden && meBefore.body.string.contains("Choisissez d'abord votre mot de passe"))
            #expect(homeBefore.status == .seeOther && homeBefore.headers.first(name: .location) == "/mot-de-passe")
            #expect(changed.status == .noContent)
            #expect(meAfter == .ok)
        }
    }
}
