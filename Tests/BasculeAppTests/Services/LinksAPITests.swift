import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Carnet de liaison, Moodle, Médiacentre and service rights API")
struct LinksAPITests {
    @Test("A parent opens a conversation about their own child only; staff answer; other parents do not read it; the student writes in none")
    func liaisonBook() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let parent = try await app.logIn(f.academy.parentA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let path = "api/v1/establishments/\(f.uaiA)/liaison_conversations"
            // act
            let own = try await app.call(.POST, path, as: parent, json: [
                "student_id": f.id(f.academy.studentA), "subject": .text("Absence de jeudi"),
                "started_at": .text("2025-11-13T18:02:00")])
            let notTheirs = try await app.call(.POST, path, as: parent, json: [
                "student_id": f.id(f.otherStudentA), "subject": .text("?"), "started_at": .text("2025-11-13T18:02:00")])
            let answer = try await app.call(.POST, "\(path)/\(own.id)/liaison_messages", as: teacher, json: [
                "sent_at": .text("2025-11-14T08:10:00"), "body": .text("Bien noté.")])
            let thread = try await app.call(.GET, "\(path)/\(own.id)/liaison_messages", as: parent)
            let byOtherStudent = try await app.call(.GET, "\(path)/\(own.id)/liaison_messages", as: try await app.logIn(f.otherStudentA))
            let student = try await app.logIn(f.academy.studentA)
            let aboutSelf = try await app.call(.POST, path, as: student, json: [
                "student_id": f.id(f.academy.studentA), "subject": .text("Moi"), "started_at": .text("2025-11-13T18:02:00")])
            let intoOwn = try await app.call(.POST, "\(path)/\(own.id)/liaison_messages", as: student, json: [
                "sent_at": .text("2025-11-14T09:00:00"), "body": .text("Signé : l'élève")])
            let byParent = try await app.call(.POST, "\(path)/\(own.id)/liaison_messages", as: parent, json: [
                "sent_at": .text("2025-11-14T09:30:00"), "body": .text("Merci.")])
            // check
            #expect(own.status == .created && own.record["started_by"] == f.id(f.academy.parentA))
            #expect(notTheirs.status == .forbidden)
            #expect(answer.status == .created)
            #expect(thread.page.map(\.["body"]) == [.text("Bien noté.")])
            #expect(byOtherStudent.status == .notFound)
            #expect(aboutSelf.status == .forbidden && intoOwn.status == .forbidden && byParent.status == .created)
        }
    }

    @Test("Moodle categories, GAR assignments and service rights: personnel read, administrators write, students are refused")
    func administration() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let admin = try await app.logIn(f.academy.adminA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let base = "api/v1/establishments/\(f.uaiA)"
            // act
            let category = try await app.call(.POST, "\(base)/moodle_categories", as: admin, json: [
                "teacher_id": f.id(f.academy.teacherA), "name": .text("Mathématiques 4e"), "is_hidden": .bool(false),
                "in_recycle_bin": .bool(false)])
            let categoriesByTeacher = try await app.call(.GET, "\(base)/moodle_categories", as: teacher)
            let categoriesByStudent = try await app.call(.GET, "\(base)/moodle_categories", as: student)
            let resource = try await app.call(.POST, "\(base)/gar_resources", as: admin, json: [
                "ark": .text("ark:/86527/manuel-4e"), "title": .text("Manuel de 4e"), "publisher": .text("Belin")])
            let assignment = try await app.call(.POST, "\(base)/gar_resources/\(resource.id)/gar_assignments", as: admin, json: [
                "class_id": .int(f.classOfStudentA)])
            let assignmentByTeacher = try await app.call(.POST, "\(base)/gar_resources/\(resource.id)/gar_assignments", as: teacher,
                                                         json: ["level": .text("4e")])
            let resourcesByStudent = try await app.call(.GET, "\(base)/gar_resources", as: student)
            let rightsByTeacher = try await app.call(.GET, "\(base)/service_roles", as: teacher)
            let right = try await app.call(.POST, "\(base)/service_roles", as: admin, json: [
                "service": .text("absences"), "profile_kind": .text("teacher"), "role": .text("user")])
            // check
            #expect(category.status == .created)
            #expect(categoriesByTeacher.page.count == 1)
            #expect(categoriesByStudent.status == .forbidden)
            #expect(resource.status == .created && assignment.status == .created)
            #expect(assignment.record["school_year_id"] == .int(1))
            #expect(assignmentByTeacher.status == .forbidden)
            #expect(resourcesByStudent.page.count == 1)
            #expect(rightsByTeacher.status == .forbidden)
            #expect(right.status == .created)
        }
    }
}
