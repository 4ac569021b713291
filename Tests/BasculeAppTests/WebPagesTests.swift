import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor
import VaporTesting
@testable import BasculeApp

@Suite("French pages: login, home per profile, public page, errors")
struct WebPagesTests {
    /// Signs in through the login form; returns the status, the redirect and the session cookie.
    private func submitLogin(_ app: Application, login: String, password: String, next: String? = nil)
        async throws -> (status: HTTPStatus, location: String?, headers: HTTPHeaders, body: String)
    {
        var result: (HTTPStatus, String?, HTTPHeaders, String) = (.ok, nil, [:], "")
        try await app.testing().test(.POST, "connexion", beforeRequest: { req in
            var fields = ["login": login, "password": password]
            if let next { fields["suite"] = next }
            try req.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: { res in
            var headers = HTTPHeaders()
            if let cookie = res.headers.setCookie?["bascule_session"] { headers.cookie = ["bascule_session": cookie] }
            result = (res.status, res.headers.first(name: .location), headers, res.body.string)
        })
        return result
    }

    private func home(_ app: Application, _ headers: HTTPHeaders) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.GET, "accueil", headers: headers) { res in result = (res.status, res.body.string) }
        return result
    }

    @Test("After login, the page asked for by `suite`, if it is a page of Bascule; never another site")
    func nextPage() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let dashboard = "/etablissements/\(academy.establishmentA.uai.code)/changement-d-annee"
            // act
            let local = try await submitLogin(app, login: academy.adminA.login, password: TestAcademy.password, next: dashboard)
            let outside = try await submitLogin(app, login: academy.adminA.login, password: TestAcademy.password, next: "//evil.example/x")
            let scheme = try await submitLogin(app, login: academy.adminA.login, password: TestAcademy.password, next: "https://evil.example")
            // check
            #expect(local.location == dashboard)
            #expect(outside.location == "/accueil" && scheme.location == "/accueil")
        }
    }

    @Test("The login page is in French, with labelled fields")
    func loginPage() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "connexion") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("<html lang=\"fr\">"))
                #expect(res.body.string.contains("<label for=\"login\">Identifiant</label>"))
                #expect(res.body.string.contains("<label for=\"password\">Mot de passe</label>"))
            }
        }
    }

    @Test("Each profile reaches its home page with its establishment, classes and groups")
    func homePerProfile() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let queries = DirectoryQueries(db: app.db)
            let studentClass = try await queries.classes(ofStudent: academy.studentA.requireID(), yearID: 1)[0].code
            let taught = try await queries.teaching(of: academy.teacherA.requireID(), yearID: 1)
            let taughtClass = taught.compactMap(\.schoolClass?.code).first!
            let expectations: [(Account, [String])] = [
                (academy.studentA, [academy.establishmentA.name, "Mes classes", studentClass, "Mes groupes"]),
                (academy.parentA, ["Mes enfants", academy.studentA.displayName, studentClass]),
                (academy.teacherA, ["Mes enseignements", taughtClass]),
                (academy.adminA, ["Administrateur ENT", "Effectifs", "Classes", "Groupes"]),
                (academy.headA, ["Chef d'établissement", "Effectifs"]),
                (academy.operatorAccount, ["Opérateur de la plateforme", academy.establishmentB.uai.code]),
            ]
            for (account, texts) in expectations {
                // act
                let login = try await submitLogin(app, login: account.login, password: TestAcademy.password)
                let (status, body) = try await home(app, login.headers)
                // check
                #expect(login.status == .seeOther)
                #expect(login.location == "/accueil")
                #expect(status == .ok)
                for text in texts {
                    #expect(body.contains(text), "\(account.login) should see \(text)")
                }
                #expect(!body.contains(academy.establishmentB.name) || account.isOperator, "\(account.login)")
            }
        }
    }

    @Test("A wrong password, an unknown login and an account that left are refused alike")
    func refusedLogins() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            academy.studentB.state = .left
            try await academy.studentB.save(on: app.db)
            // act
            let wrong = try await submitLogin(app, login: academy.studentA.login, password: "pas-le-bon")
            let unknown = try await submitLogin(app, login: "personne.inconnue", password: TestAcademy.password)
            let left = try await submitLogin(app, login: academy.studentB.login, password: TestAcademy.password)
            // check
            for attempt in [wrong, unknown, left] {
                #expect(attempt.status == .unauthorized)
                #expect(attempt.body.contains("Identifiant ou mot de passe incorrect."))
                #expect(attempt.headers.cookie?["bascule_session"] == nil)
            }
        }
    }

    @Test("What a visitor types is escaped when the page shows it back")
    func hostileLoginEscaped() async throws {
        try await withTestApp { app in
            // act
            let attempt = try await submitLogin(app, login: "\"><script>alert(1)</script>", password: "x")
            // check
            #expect(attempt.status == .unauthorized)
            #expect(!attempt.body.contains("<script>"))
            #expect(attempt.body.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        }
    }

    @Test("An open session ends at the next request once the account has left")
    func sessionEndsWhenAccountLeaves() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let login = try await submitLogin(app, login: academy.teacherA.login, password: TestAcademy.password)
            let (before, _) = try await home(app, login.headers)
            // act
            academy.teacherA.state = .left
            try await academy.teacherA.save(on: app.db)
            var after = HTTPStatus.ok
            var location: String?
            try await app.testing().test(.GET, "accueil", headers: login.headers) { res in
                after = res.status
                location = res.headers.first(name: .location)
            }
            let api = try await app.status("api/v1/me", as: login.headers)
            // check
            #expect(before == .ok)
            #expect(after == .seeOther)
            #expect(location == "/connexion")
            #expect(api == .unauthorized)
        }
    }

    @Test("The session cookie is HttpOnly and SameSite, and a new one is issued at login")
    func sessionCookie() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let first = try await submitLogin(app, login: academy.adminA.login, password: TestAcademy.password)
            // act
            var cookie: HTTPCookies.Value?
            try await app.testing().test(.POST, "connexion", headers: first.headers, beforeRequest: { req in
                try req.content.encode(["login": academy.adminA.login, "password": TestAcademy.password], as: .urlEncodedForm)
            }, afterResponse: { res in
                cookie = res.headers.setCookie?["bascule_session"]
            })
            // check
            #expect(cookie?.isHTTPOnly == true)
            #expect(cookie?.sameSite == .lax)
            #expect(cookie?.string != first.headers.cookie?["bascule_session"]?.string)
        }
    }

    @Test("Logging out ends the session")
    func logout() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let login = try await submitLogin(app, login: academy.parentA.login, password: TestAcademy.password)
            // act
            let logout = try await app.submit("deconnexion", as: login.headers)
            let (after, _) = try await home(app, login.headers)
            // check
            #expect(logout.status == .seeOther)
            #expect(after == .seeOther)
        }
    }

    @Test("An establishment's public page needs no login; an unknown one is a French 404")
    func publicPage() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            // act & check
            try await app.testing().test(.GET, "etablissements/\(academy.establishmentA.uai.code)") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(academy.establishmentA.name))
                #expect(res.body.string.contains("Se connecter à l'ENT"))
            }
            try await app.testing().test(.GET, "etablissements/0000000A") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("Page introuvable"))
            }
            try await app.testing().test(.GET, "nulle-part") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("<html lang=\"fr\">"))
            }
        }
    }
}
