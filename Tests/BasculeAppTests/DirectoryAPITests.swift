import BasculeDomain
import BasculeStorage
import Fluent
import Testing
import Vapor
import VaporTesting
@testable import BasculeApp

@Suite("Directory API access rules")
struct DirectoryAPITests {
    @Test("A student cannot read another establishment's data")
    func studentConfinedToOwnEstablishment() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            let uaiB = academy.establishmentB.uai.code
            let classB = try await SchoolClass.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentB.requireID()).first()!
            // act
            let establishment = try await app.status("api/v1/establishments/\(uaiB)", as: student)
            let classes = try await app.status("api/v1/establishments/\(uaiB)/classes", as: student)
            let groups = try await app.status("api/v1/establishments/\(uaiB)/groups", as: student)
            let classDetail = try await app.status("api/v1/classes/\(classB.requireID())", as: student)
            let otherStudent = try await app.status("api/v1/accounts/\(academy.studentB.requireID())", as: student)
            // check
            #expect(establishment == .forbidden)
            #expect(classes == .forbidden)
            #expect(groups == .forbidden)
            #expect(classDetail == .notFound)
            #expect(otherStudent == .notFound)
        }
    }

    @Test("An id out of reach answers exactly as an id that does not exist: nothing tells them apart")
    func outOfReachLooksAbsent() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            let classB = try await SchoolClass.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentB.requireID()).first()!
            let groupB = try await Group.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentB.requireID()).first()!
            let absent = 99_999_999
            // act
            var pairs: [(TestResponse, TestResponse, Int)] = []
            for (kind, id) in [("classes", try classB.requireID()), ("groups", try groupB.requireID()),
                               ("accounts", try academy.studentB.requireID())] {
                pairs.append((try await app.call(.GET, "api/v1/\(kind)/\(id)", as: student),
                              try await app.call(.GET, "api/v1/\(kind)/\(absent)", as: student), id))
            }
            // check
            for (hidden, missing, id) in pairs {
                #expect(hidden.status == .notFound && missing.status == .notFound)
                let (a, b) = (try hidden.decode(ErrorBody.self), try missing.decode(ErrorBody.self))
                #expect(a.status == b.status)
                #expect(a.reason.replacingOccurrences(of: "\(id)", with: "N") == b.reason.replacingOccurrences(of: "\(absent)", with: "N"))
            }
        }
    }

    struct ErrorBody: Decodable, Equatable {
        let status: Int
        let reason: String
    }

    @Test("A student sees only their own classes, with classmates' names and no personal data")
    func studentSeesOwnClasses() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            let uaiA = academy.establishmentA.uai.code
            // act
            var listed: [ClassDTO] = []
            try await app.testing().test(.GET, "api/v1/establishments/\(uaiA)/classes", headers: student) { res in
                #expect(res.status == .ok)
                listed = try res.content.decode([ClassDTO].self)
            }
            let own = try await DirectoryQueries(db: app.db)
                .classes(ofStudent: academy.studentA.requireID(), yearID: 1)
            var detail: String = ""
            try await app.testing().test(.GET, "api/v1/classes/\(own[0].requireID())", headers: student) { res in
                #expect(res.status == .ok)
                detail = res.body.string
            }
            let otherClassA = try await SchoolClass.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentA.requireID())
                .filter(\.$id != own[0].requireID()).first()!
            let other = try await app.status("api/v1/classes/\(otherClassA.requireID())", as: student)
            // check
            #expect(listed.map(\.id) == own.map { $0.id! })
            #expect(detail.contains(academy.studentA.lastName))
            #expect(!detail.contains("birthDate") && !detail.contains("email"))
            #expect(other == .notFound)
        }
    }

    @Test("A parent reads their child's card and classes, not another student's")
    func parentSeesOwnChildren() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let parent = try await app.logIn(academy.parentA)
            let otherStudentA = try await Profile.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentA.requireID())
                .filter(\.$kind == .student)
                .filter(\.$account.$id != academy.studentA.requireID())
                .with(\.$account).all()
                .map(\.account)
                .first { candidate in candidate.lastName != academy.studentA.lastName }!
            let childClass = try await DirectoryQueries(db: app.db)
                .classes(ofStudent: academy.studentA.requireID(), yearID: 1)[0]
            // act
            let child = try await app.status("api/v1/accounts/\(academy.studentA.requireID())", as: parent)
            let stranger = try await app.status("api/v1/accounts/\(otherStudentA.requireID())", as: parent)
            let classOfChild = try await app.status("api/v1/classes/\(childClass.requireID())", as: parent)
            let directory = try await app.status("api/v1/establishments/\(academy.establishmentA.uai.code)/accounts", as: parent)
            // check
            #expect(child == .ok)
            #expect(stranger == .notFound)
            #expect(classOfChild == .ok)
            #expect(directory == .forbidden)
        }
    }

    @Test("An ENT administrator reads their establishment's directory only")
    func adminConfinedToOwnEstablishment() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let admin = try await app.logIn(academy.adminA)
            // act
            var students: [MemberDTO] = []
            try await app.testing().test(.GET, "api/v1/establishments/\(academy.establishmentA.uai.code)/accounts?profile=student",
                                         headers: admin) { res in
                #expect(res.status == .ok)
                students = try res.content.decode([MemberDTO].self)
            }
            let expected = try await Profile.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentA.requireID())
                .filter(\.$kind == .student).count()
            let otherDirectory = try await app.status("api/v1/establishments/\(academy.establishmentB.uai.code)/accounts", as: admin)
            let otherAdmin = try await app.status("api/v1/accounts/\(academy.adminB.requireID())", as: admin)
            let ownStudent = try await app.status("api/v1/accounts/\(academy.studentA.requireID())", as: admin)
            let badKind = try await app.status("api/v1/establishments/\(academy.establishmentA.uai.code)/accounts?profile=pirate", as: admin)
            // check
            #expect(students.count == expected)
            #expect(otherDirectory == .forbidden)
            #expect(otherAdmin == .notFound)
            #expect(ownStudent == .ok)
            #expect(badKind == .badRequest)
        }
    }

    @Test("Teachers and staff see their establishment's classes and groups but not its accounts")
    func personnelSeeClasses() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let classCount = try await SchoolClass.query(on: app.db)
                .filter(\.$establishment.$id == academy.establishmentA.requireID()).count()
            let uaiA = academy.establishmentA.uai.code
            for account in [academy.teacherA, academy.staffA, academy.headA] {
                let headers = try await app.logIn(account)
                // act
                var listed: [ClassDTO] = []
                try await app.testing().test(.GET, "api/v1/establishments/\(uaiA)/classes", headers: headers) { res in
                    listed = try res.content.decode([ClassDTO].self)
                }
                let accounts = try await app.status("api/v1/establishments/\(uaiA)/accounts", as: headers)
                let otherClasses = try await app.status("api/v1/establishments/\(academy.establishmentB.uai.code)/classes", as: headers)
                // check
                #expect(listed.count == classCount)
                #expect(accounts == (account.id == academy.headA.id ? .ok : .forbidden))
                #expect(otherClasses == .forbidden)
            }
        }
    }

    @Test("The operator sees every establishment")
    func operatorSeesAll() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let headers = try await app.logIn(academy.operatorAccount)
            // act
            var listed: [EstablishmentDTO] = []
            try await app.testing().test(.GET, "api/v1/establishments", headers: headers) { res in
                listed = try res.content.decode([EstablishmentDTO].self)
            }
            let directoryB = try await app.status("api/v1/establishments/\(academy.establishmentB.uai.code)/accounts", as: headers)
            // check
            #expect(listed.count == 3)
            #expect(directoryB == .ok)
        }
    }

    @Test("Without a session the API answers 401 in JSON; unknown ids 404; bad ids 404")
    func anonymousAndUnknown() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let admin = try await app.logIn(academy.adminA)
            // act
            var body = ""
            var status = HTTPStatus.ok
            try await app.testing().test(.GET, "api/v1/establishments") { res in
                status = res.status
                body = res.body.string
            }
            let unknownClass = try await app.status("api/v1/classes/999999", as: admin)
            let unknownUAI = try await app.status("api/v1/establishments/0000000A", as: admin)
            let malformedUAI = try await app.status("api/v1/establishments/..%2F..%2Fetc", as: admin)
            // check
            #expect(status == .unauthorized)
            #expect(body.contains("\"error\":true"))
            #expect(unknownClass == .notFound)
            #expect(unknownUAI == .notFound)
            #expect(malformedUAI == .notFound)
        }
    }
}
