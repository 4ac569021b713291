import BasculeApp
import BasculeDomain
import BasculeStorage
import Fluent
import Vapor
import VaporTesting

/// The small generated académie with one signed-in-able account per profile, in the first two
/// establishments ("A" and "B").
struct TestAcademy {
    static let password = "mot-de-passe-de-test"

    let establishmentA: Establishment
    let establishmentB: Establishment
    let operatorAccount: Account
    let adminA: Account
    let headA: Account
    let teacherA: Account
    let staffA: Account
    let studentA: Account
    let parentA: Account
    let studentB: Account
    let adminB: Account

    /// `withActivity`: also a year of activity in every service (a few seconds more).
    static func make(_ app: Application, seed: UInt64 = 7, withActivity: Bool = false) async throws -> TestAcademy {
        try await AcademyFixtures.shared.copy(seed: seed, withActivity: withActivity, into: app)
        let establishments = try await Establishment.query(on: app.db).sort(\.$id).all()
        let (a, b) = (establishments[0], establishments[1])
        /// The first person with this profile and no other in the establishment (the head also
        /// has a staff profile: the staff member of the tests is someone who is only staff).
        func first(_ kind: ProfileKind, in establishment: Establishment) async throws -> Account {
            let profiles = try await Profile.query(on: app.db).filter(\.$establishment.$id == establishment.requireID()).all()
            let kindsOf = Dictionary(grouping: profiles, by: { $0.$account.id }).mapValues { Set($0.map(\.kind)) }
            let profile = profiles.filter { $0.kind == kind }.sorted { $0.id! < $1.id! }
                .first { kindsOf[$0.$account.id] == [kind] } ?? profiles.filter { $0.kind == kind }.min { $0.id! < $1.id! }
            return try await withPassword(try await profile!.$account.get(on: app.db), app)
        }
        let studentA = try await first(.student, in: a)
        let parentA = try await ParentLink.query(on: app.db).filter(\.$student.$id == studentA.requireID())
            .sort(\.$id).with(\.$parent).first()!.parent
        let operatorAccount = try await Account.query(on: app.db).filter(\.$isOperator == true).first()!
        return TestAcademy(
            establishmentA: a, establishmentB: b,
            operatorAccount: try await withPassword(operatorAccount, app),
            adminA: try await first(.entAdmin, in: a), headA: try await first(.head, in: a),
            teacherA: try await first(.teacher, in: a), staffA: try await first(.staff, in: a),
            studentA: studentA, parentA: try await withPassword(parentA, app),
            studentB: try await first(.student, in: b), adminB: try await first(.entAdmin, in: b))
    }

    /// Bcrypt at its lowest cost: the tests check who gets in, not how slow hashing is.
    static func withPassword(_ account: Account, _ app: Application) async throws -> Account {
        account.passwordHash = try Bcrypt.hash(password, cost: 4)
        try await account.save(on: app.db)
        return account
    }
}

extension Application {
    /// Signs in through the JSON API and returns the session cookie to send with later requests.
    func logIn(_ account: Account, password: String = TestAcademy.password) async throws -> HTTPHeaders {
        var cookie: String?
        try await testing().test(.POST, "api/v1/session", beforeRequest: { req in
            try req.content.encode(["login": account.login, "password": password])
        }, afterResponse: { res in
            cookie = res.headers.setCookie?["bascule_session"]?.string
        })
        var headers = HTTPHeaders()
        if let cookie { headers.cookie = ["bascule_session": .init(string: cookie)] }
        return headers
    }

    /// The status of a GET with these headers.
    func status(_ path: String, as headers: HTTPHeaders) async throws -> HTTPStatus {
        var status = HTTPStatus.imATeapot
        try await testing().test(.GET, path, headers: headers) { res in status = res.status }
        return status
    }
}
