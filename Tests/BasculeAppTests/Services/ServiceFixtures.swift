import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Vapor
@testable import BasculeApp

/// People and places of the test académie that the service tests need besides `TestAcademy`.
struct ServiceFixtures {
    let academy: TestAcademy
    let uaiA: String
    let uaiB: String
    /// A class of `studentA`, and a class of establishment A that `studentA` is not in.
    let classOfStudentA: Int
    let otherClassA: Int
    /// A student of establishment A in none of `studentA`'s classes, signed in.
    let otherStudentA: Account

    static func make(_ app: Application, withActivity: Bool = false) async throws -> ServiceFixtures {
        let academy = try await TestAcademy.make(app, withActivity: withActivity)
        let own = try await DirectoryQueries(db: app.db).classes(ofStudent: academy.studentA.requireID(), yearID: 1)
        let classOfStudentA = try own[0].requireID()
        let otherClass = try await SchoolClass.query(on: app.db)
            .filter(\.$establishment.$id == academy.establishmentA.requireID()).filter(\.$id != classOfStudentA).first()!
        let otherStudent = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == otherClass.requireID())
            .with(\.$account).first()!.account
        otherStudent.passwordHash = try Bcrypt.hash(TestAcademy.password, cost: 4)
        try await otherStudent.save(on: app.db)
        return ServiceFixtures(academy: academy, uaiA: academy.establishmentA.uai.code, uaiB: academy.establishmentB.uai.code,
                               classOfStudentA: classOfStudentA, otherClassA: try otherClass.requireID(),
                               otherStudentA: otherStudent)
    }

    func id(_ account: Account) -> ServiceCell { .int(account.id!) }

    /// Establishment A's accounts with this profile this year, but `besides`, by id.
    func others(_ kind: ProfileKind, besides: Account, limit: Int, _ app: Application) async throws -> [Int] {
        try await app.sql.raw("""
            SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(bind: academy.establishmentA.requireID())
            AND kind = \(kind) AND account_id <> \(bind: besides.requireID()) ORDER BY account_id LIMIT \(bind: limit)
            """).all(decodingColumn: "account_id", as: Int.self)
    }
}
