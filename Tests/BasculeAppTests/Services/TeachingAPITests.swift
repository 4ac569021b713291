import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Logbook and assessment API")
struct TeachingAPITests {
    @Test("A student reads their class's logbook, not another class's; an archived year's logbook is read-only")
    func logbookAudience() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let path = "api/v1/establishments/\(f.uaiA)/logbook_sessions"
            func session(for classID: Int) async throws -> TestResponse {
                try await app.call(.POST, path, as: teacher, json: [
                    "class_id": .int(classID), "held_on": .text("2025-10-06"), "slot": .text("08:00-08:55"),
                    "content": .text("Les fractions")])
            }
            // act
            let own = try await session(for: f.classOfStudentA)
            let other = try await session(for: f.otherClassA)
            let homework = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/homework", as: teacher, json: [
                "class_id": .int(f.classOfStudentA), "session_id": .int(own.id), "given_on": .text("2025-10-06"),
                "due_on": .text("2025-10-13"), "content": .text("Exercices 1 à 4")])
            let seen = try await app.call(.GET, path, as: student)
            let otherByStudent = try await app.call(.GET, "\(path)/\(other.id)", as: student)
            let studentWrites = try await app.call(.POST, path, as: student, json: [
                "class_id": .int(f.classOfStudentA), "held_on": .text("2025-10-06"), "slot": .text("08:00-08:55"),
                "content": .text("…")]).status == .forbidden
            let foreignClass = try await SchoolClass.query(on: app.db)
                .filter(\.$establishment.$id == f.academy.establishmentB.requireID()).first()!.requireID()
            let intoOtherEstablishment = try await session(for: foreignClass)
            // The year ends: the next one is current, and both people have a profile in it.
            try await app.sql.update("school_years").set("state", to: SchoolYearState.archived.rawValue).run()
            try await app.sql.raw("""
                INSERT INTO school_years (id, name, starts_on, ends_on, state)
                VALUES (2, '2026-2027', '2026-09-01', '2027-08-31', 'current')
                """).run()
            try await app.sql.raw("""
                INSERT INTO profiles (account_id, establishment_id, school_year_id, kind)
                SELECT account_id, establishment_id, 2, kind FROM profiles
                WHERE school_year_id = 1 AND account_id IN (\(bind: f.academy.teacherA.id!), \(bind: f.academy.studentA.id!))
                """).run()
            let deleteArchived = try await app.call(.DELETE, "\(path)/\(own.id)", as: teacher)
            let stillReadable = try await app.call(.GET, "\(path)/\(own.id)?year=2025-2026", as: student)
            // check
            #expect(own.status == .created && other.status == .created && homework.status == .created)
            #expect(own.record["teacher_id"] == f.id(f.academy.teacherA), "a teacher's row is theirs")
            #expect(seen.page.map(\.["id"]) == [.int(own.id)])
            #expect(otherByStudent.status == .notFound)
            #expect(studentWrites)
            #expect(intoOtherEstablishment.status == .badRequest)
            #expect(deleteArchived.status == .conflict)
            #expect(stillReadable.status == .ok)
        }
    }

    @Test("Marks: staff write them in an assessment; a student reads their own mark only")
    func marks() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let parent = try await app.logIn(f.academy.parentA)
            let classmates = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == f.classOfStudentA)
                .filter(\.$account.$id != f.academy.studentA.requireID()).all(\.$account.$id)
            let base = "api/v1/establishments/\(f.uaiA)/assessments"
            // act
            let assessment = try await app.call(.POST, base, as: teacher, json: [
                "class_id": .int(f.classOfStudentA), "title": .text("Contrôle 1"), "held_on": .text("2025-11-04"),
                "period": .int(1), "max_points": .int(20), "coefficient_percent": .int(100)])
            let mine = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: teacher, json: [
                "student_id": f.id(f.academy.studentA), "points_centi": .int(1450)])
            let theirs = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: teacher, json: [
                "student_id": .int(classmates[0]), "points_centi": .int(900)])
            let studentWrites = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: student, json: [
                "student_id": f.id(f.academy.studentA), "points_centi": .int(2000)])
            let byStudent = try await app.call(.GET, "\(base)/\(assessment.id)/marks", as: student)
            let byParent = try await app.call(.GET, "\(base)/\(assessment.id)/marks", as: parent)
            let byTeacher = try await app.call(.GET, "\(base)/\(assessment.id)/marks", as: teacher)
            let byClassmateOfOtherClass = try await app.call(.GET, "\(base)/\(assessment.id)/marks",
                                                            as: try await app.logIn(f.otherStudentA))
            // check
            #expect(assessment.status == .created && mine.status == .created && theirs.status == .created)
            #expect(studentWrites.status == .forbidden)
            #expect(byStudent.page.map(\.["points_centi"]) == [.int(1450)])
            #expect(byParent.page.map(\.["points_centi"]) == [.int(1450)])
            #expect(byTeacher.page.count == 2)
            #expect(byClassmateOfOtherClass.status == .notFound)
        }
    }

    @Test("A teacher's assessment is theirs: a colleague neither deletes it nor writes one in their name; the head deletes it")
    func ownerRules() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let head = try await app.logIn(f.academy.headA)
            let colleagueID = try #require(try await f.others(.teacher, besides: f.academy.teacherA, limit: 1, app).first)
            let colleague = try await app.logIn(try await TestAcademy.withPassword(try #require(try await Account.find(colleagueID, on: app.db)), app))
            let base = "api/v1/establishments/\(f.uaiA)/assessments"
            let draft: ServiceRecord = ["class_id": .int(f.classOfStudentA), "title": .text("Contrôle 2"), "held_on": .text("2025-11-14"),
                                        "period": .int(1), "max_points": .int(20), "coefficient_percent": .int(100)]
            // act
            let assessment = try await app.call(.POST, base, as: teacher, json: draft)
            let inTheirName = try await app.call(.POST, base, as: colleague, json: draft.merging(["teacher_id": f.id(f.academy.teacherA)]) { $1 })
            let mark: ServiceRecord = ["student_id": f.id(f.academy.studentA), "points_centi": .int(1450)]
            let markByColleague = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: colleague, json: mark)
            let markByTeacher = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: teacher, json: mark)
            let secondMark = try await app.call(.POST, "\(base)/\(assessment.id)/marks", as: teacher, json: mark)
            let markDeletedByColleague = try await app.call(.DELETE, "api/v1/establishments/\(f.uaiA)/marks/\(markByTeacher.id)", as: colleague)
            let byColleague = try await app.call(.DELETE, "\(base)/\(assessment.id)", as: colleague)
            let byHead = try await app.call(.DELETE, "\(base)/\(assessment.id)", as: head)
            // check
            #expect(assessment.status == .created && assessment.record["teacher_id"] == f.id(f.academy.teacherA))
            #expect(inTheirName.status == .forbidden)
            #expect(markByColleague.status == .forbidden && markDeletedByColleague.status == .forbidden)
            #expect(markByTeacher.status == .created)
            #expect(secondMark.status == .conflict && secondMark.body.string.contains("il en existe déjà une pour (assessment_id, student_id)"))
            #expect(byColleague.status == .forbidden)
            #expect(byHead.status == .noContent)
        }
    }
}
