import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

@Suite("Year change API: who plans, runs and undoes")
struct YearChangeAPITests {
    @Test("Administrators read their establishment's plan and journal; only the operator runs and undoes")
    func access() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let (uaiA, uaiB) = (academy.establishmentA.uai.code, academy.establishmentB.uai.code)
            let admin = try await app.logIn(academy.adminA)
            let head = try await app.logIn(academy.headA)
            let teacher = try await app.logIn(academy.teacherA)
            let operatorHeaders = try await app.logIn(academy.operatorAccount)
            let run = YearChangeAPI.RunRequest(from: "2025-2026", establishments: [uaiA], confirm: true)
            // act
            let ownPlan = try await app.call(.GET, "api/v1/year-change/plan?from=2025-2026", as: admin)
            let headPlan = try await app.call(.GET, "api/v1/year-change/plan?from=2025-2026&establishment=\(uaiA)", as: head)
            let otherPlan = try await app.call(.GET, "api/v1/year-change/plan?from=2025-2026&establishment=\(uaiB)", as: admin)
            let teacherPlan = try await app.call(.GET, "api/v1/year-change/plan?from=2025-2026", as: teacher)
            let badYear = try await app.call(.GET, "api/v1/year-change/plan?from=2025", as: admin)
            let runByAdmin = try await app.call(.POST, "api/v1/year-change/runs", as: admin, encodable: run)
            let runByOperator = try await app.call(.POST, "api/v1/year-change/runs", as: operatorHeaders, encodable: run)
            let statusByAdmin = try await app.call(.GET, "api/v1/year-change/status", as: admin)
            let statusByAdminB = try await app.call(.GET, "api/v1/year-change/status", as: try await app.logIn(academy.adminB))
            let undoByAdmin = try await app.call(.POST, "api/v1/year-change/undo", as: admin,
                                                 encodable: YearChangeAPI.UndoRequest(establishment: uaiA))
            let undoByOperator = try await app.call(.POST, "api/v1/year-change/undo", as: operatorHeaders,
                                                    encodable: YearChangeAPI.UndoRequest(establishment: uaiA))
            let undoUnknown = try await app.call(.POST, "api/v1/year-change/undo", as: operatorHeaders,
                                                 encodable: YearChangeAPI.UndoRequest(establishment: uaiB))
            // check
            let plans = try ownPlan.decode([YearChangeEngine.EstablishmentPlan].self)
            #expect(plans.map(\.uai) == [uaiA])
            #expect(plans[0].steps.count == YearChangeRules.all.count)
            #expect(headPlan.status == .ok)
            #expect(otherPlan.status == .forbidden && teacherPlan.status == .forbidden)
            #expect(badYear.status == .badRequest)
            #expect(runByAdmin.status == .forbidden)
            #expect(try runByOperator.decode([YearChangeEngine.Outcome].self).map(\.state) == [.done])
            #expect(try statusByAdmin.decode([YearChangeEngine.RunStatus].self).map(\.uai) == [uaiA])
            #expect(try statusByAdminB.decode([YearChangeEngine.RunStatus].self).isEmpty)
            #expect(undoByAdmin.status == .forbidden)
            #expect(undoByOperator.status == .noContent)
            #expect(undoUnknown.status == .notFound)
        }
    }
}
