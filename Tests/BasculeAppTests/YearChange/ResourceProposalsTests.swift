import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

@Suite("Year change: the Médiacentre's assignments offered again")
struct ResourceProposalsTests {
    @Test("After the change, last year's assignments are proposed mapped onto this year's classes; applying them assigns each once")
    func proposals() async throws {
        try await withTestApp { app in
            // setup: the new year has the same classes as the last, no groups
            let f = try await YearChangeFixture.make(app)
            try await app.sql.raw("""
                INSERT INTO classes (establishment_id, school_year_id, code, level)
                SELECT establishment_id, 2, code, level FROM classes WHERE school_year_id = 1 AND establishment_id = \(bind: f.establishmentA)
                """).run()
            _ = try await f.run(f.engine.establishments([]).map(\.uai))
            let admin = try await app.logIn(f.academy.adminA)
            let path = "api/v1/establishments/\(f.uaiA)/gar-proposals"
            let lastYear = try await f.count("""
                gar_assignments WHERE school_year_id = 1 AND resource_id IN (SELECT id FROM gar_resources WHERE establishment_id = \(bind: f.establishmentA))
                """)
            // act
            let proposals = try await app.call(.GET, path, as: admin).decode([ResourceProposals.Proposal].self)
            let applied = try await app.call(.POST, "\(path)/apply", as: admin).decode(ResourceProposalsAPI.Applied.self)
            let again = try await app.call(.POST, "\(path)/apply", as: admin).decode(ResourceProposalsAPI.Applied.self)
            let byStudent = try await app.call(.GET, path, as: try await app.logIn(f.academy.studentA))
            let thisYear = try await f.count("gar_assignments WHERE school_year_id = 2")
            // check
            #expect(proposals.count == lastYear)
            #expect(proposals.contains { $0.target.hasPrefix("classe") && $0.applicable && $0.classID != nil })
            #expect(proposals.contains { $0.target.hasPrefix("groupe") && !$0.applicable })
            #expect(applied.applied == Set(proposals.filter(\.applicable).map { "\($0.resourceID)-\($0.target)-\($0.teacherID ?? 0)" }).count)
            #expect(again.applied == 0)
            #expect(thisYear == applied.applied)
            #expect(byStudent.status == .forbidden)
        }
    }
}
