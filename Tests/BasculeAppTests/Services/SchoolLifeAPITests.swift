import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("School life API: absences, punishments, statistics")
struct SchoolLifeAPITests {
    @Test("Staff record an absence; the student and their parent read it, other students and establishments do not")
    func absenceAccess() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let parent = try await app.logIn(f.academy.parentA)
            let classmate = try await app.logIn(f.otherStudentA)
            let studentB = try await app.logIn(f.academy.studentB)
            let path = "api/v1/establishments/\(f.uaiA)/absences"
            // act
            let created = try await app.call(.POST, path, as: teacher, json: [
                "student_id": f.id(f.academy.studentA), "starts_at": .text("2025-10-06T08:00:00"),
                "ends_at": .text("2025-10-06T09:00:00"), "is_justified": .bool(false)])
            let byStudent = try await app.call(.GET, path, as: student)
            let byParent = try await app.call(.GET, path, as: parent)
            let byClassmate = try await app.call(.GET, path, as: classmate)
            let oneByClassmate = try await app.call(.GET, "\(path)/\(created.id)", as: classmate)
            let byOtherEstablishment = try await app.call(.GET, path, as: studentB)
            let studentWrites = try await app.call(.POST, path, as: student, json: [
                "student_id": f.id(f.academy.studentA), "starts_at": .text("2025-10-06T08:00:00"),
                "ends_at": .text("2025-10-06T09:00:00"), "is_justified": .bool(true)])
            // check
            #expect(created.status == .created)
            #expect(created.record["school_year_id"] == .int(1))
            #expect(byStudent.page.map(\.["id"]) == [.int(created.id)])
            #expect(byParent.page.map(\.["id"]) == [.int(created.id)])
            #expect(byClassmate.status == .ok && byClassmate.page.isEmpty)
            #expect(oneByClassmate.status == .notFound)
            #expect(byOtherEstablishment.status == .forbidden)
            #expect(studentWrites.status == .forbidden)
        }
    }

    @Test("Bad input is refused with the field and the reason, and writes nothing")
    func badInput() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let staff = try await app.logIn(f.academy.staffA)
            let path = "api/v1/establishments/\(f.uaiA)/absences"
            let valid: ServiceRecord = ["student_id": f.id(f.academy.studentA), "starts_at": .text("2025-10-06T08:00:00"),
                                        "ends_at": .text("2025-10-06T09:00:00"), "is_justified": .bool(false)]
            // act
            let unknownField = try await app.call(.POST, path, as: staff, json: valid.merging(["colour": .text("red")]) { $1 })
            let badDate = try await app.call(.POST, path, as: staff, json: valid.merging(["starts_at": .text("06/10/2025")]) { $1 })
            let wrongKind = try await app.call(.POST, path, as: staff, json: valid.merging(["is_justified": .text("oui")]) { $1 })
            let missing = try await app.call(.POST, path, as: staff, json: valid.filter { $0.key != "student_id" })
            let otherStudent = try await app.call(.POST, path, as: staff, json: valid.merging(["student_id": f.id(f.academy.studentB)]) { $1 })
            let unknownTable = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/no_such_table", as: staff)
            let badChoice = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/sanctions", as: try await app.logIn(f.academy.headA),
                                               json: ["student_id": f.id(f.academy.studentA), "kind": .text("fessée"),
                                                      "decided_on": .text("2025-11-03"), "decision": .text("…")])
            let count = try await app.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("absences")
                .first(decodingColumn: "n", as: Int.self)
            // check
            #expect(unknownField.status == .badRequest && unknownField.body.string.contains("colour"))
            #expect(badDate.status == .badRequest && badDate.body.string.contains("starts_at"))
            #expect(wrongKind.status == .badRequest && wrongKind.body.string.contains("booléen"))
            #expect(missing.status == .badRequest && missing.body.string.contains("student_id"))
            #expect(otherStudent.status == .badRequest && otherStudent.body.string.contains("inconnue"))
            #expect(unknownTable.status == .notFound)
            #expect(badChoice.status == .badRequest && badChoice.body.string.contains("avertissement"))
            #expect(count == 0)
        }
    }

    @Test("Statistics count the year's absences, punishments and sanctions; students cannot read them")
    func statistics() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app, withActivity: true)
            let staff = try await app.logIn(f.academy.staffA)
            let establishmentID = try f.academy.establishmentA.requireID()
            func count(_ sql: SQLQueryString) async throws -> Int {
                try await app.sql.raw(sql).first(decodingColumn: "n", as: Int.self) ?? -1
            }
            // act
            let added = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/absences", as: staff, json: [
                "student_id": f.id(f.academy.studentA), "starts_at": .text("2025-10-06T08:00:00"),
                "ends_at": .text("2025-10-06T09:00:00"), "is_justified": .bool(true)])
            let response = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/school-life/statistics", as: staff)
            let denied = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/school-life/statistics",
                                            as: try await app.logIn(f.academy.studentA))
            let statistics = try response.decode(SchoolLifeStatistics.self)
            // check
            #expect(added.status == .created)
            #expect(statistics.absences == (try await count("SELECT COUNT(*) AS n FROM absences WHERE establishment_id = \(bind: establishmentID)")))
            #expect(statistics.absences > 100)
            #expect(statistics.justifiedAbsences == (try await count(
                "SELECT COUNT(*) AS n FROM absences WHERE establishment_id = \(bind: establishmentID) AND is_justified = \(bind: true)")))
            #expect(statistics.absencesByReason.map(\.count).reduce(0, +) == statistics.absences)
            #expect(statistics.punishmentsByType.map(\.count).reduce(0, +)
                    == (try await count("SELECT COUNT(*) AS n FROM punishments WHERE establishment_id = \(bind: establishmentID)")))
            #expect(statistics.sanctionsByKind.map(\.count).reduce(0, +)
                    == (try await count("SELECT COUNT(*) AS n FROM sanctions WHERE establishment_id = \(bind: establishmentID)")))
            #expect(denied.status == .forbidden)
        }
    }
}
