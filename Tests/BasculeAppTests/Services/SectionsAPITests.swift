import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Sections API: tree, roles, publications, shared documents")
struct SectionsAPITests {
    @Test("An ENT administrator manages their establishment's sections; teachers publish; other establishments are refused")
    func sectionsAndPublications() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let admin = try await app.logIn(f.academy.adminA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let adminB = try await app.logIn(f.academy.adminB)
            let sections = "api/v1/establishments/\(f.uaiA)/sections"
            let draft: ServiceRecord = ["kind": .text("standard"), "is_temporary": .bool(true), "title": .text("Voyage à Rome"),
                                        "created_on": .text("2025-09-15")]
            // act
            let section = try await app.call(.POST, sections, as: admin, json: draft)
            let byTeacher = try await app.call(.POST, sections, as: teacher, json: draft)
            let byAdminB = try await app.call(.POST, sections, as: adminB, json: draft)
            let badKind = try await app.call(.POST, sections, as: admin, json: draft.merging(["kind": .text("secret")]) { $1 })
            let role = try await app.call(.POST, "\(sections)/\(section.id)/section_roles", as: admin, json: [
                "account_id": f.id(f.academy.teacherA), "role": .text("contributor")])
            _ = try await app.call(.POST, "\(sections)/\(section.id)/section_roles", as: admin, json: [
                "account_id": f.id(f.academy.studentA), "role": .text("reader")])
            let publication = try await app.call(.POST, "\(sections)/\(section.id)/publications", as: teacher, json: [
                "author_id": f.id(f.academy.adminA), "title": .text("Départ"), "body": .text("Rendez-vous à 6 h."),
                "published_on": .text("2025-10-01"), "on_home_page": .bool(true), "on_public_site": .bool(false)])
            let readByStudent = try await app.call(.GET, "\(sections)/\(section.id)/publications", as: student)
            let readByB = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/sections/\(section.id)/publications", as: adminB)
            let deletedByStudent = try await app.call(.DELETE, "\(sections)/\(section.id)", as: student)
            // check
            #expect(section.status == .created && section.record["school_year_id"] == .null)
            #expect(byTeacher.status == .forbidden)
            #expect(byAdminB.status == .forbidden)
            #expect(badKind.status == .badRequest)
            #expect(role.status == .created)
            #expect(publication.status == .created)
            #expect(publication.record["author_id"] == f.id(f.academy.teacherA))
            #expect(readByStudent.page.map(\.["title"]) == [.text("Départ")])
            #expect(readByB.status == .forbidden)
            #expect(deletedByStudent.status == .forbidden)
        }
    }

    @Test("Shared documents: uploaded into a section's folder, downloaded by members, same bytes stored once")
    func sharedDocuments() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let admin = try await app.logIn(f.academy.adminA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let sections = "api/v1/establishments/\(f.uaiA)/sections"
            let section = try await app.call(.POST, sections, as: admin, json: [
                "kind": .text("standard"), "is_temporary": .bool(false), "title": .text("CDI"), "created_on": .text("2025-09-01")])
            let folder = try await app.call(.POST, "\(sections)/\(section.id)/shared_folders", as: admin, json: ["name": .text("Fiches")])
            let bytes = Array("Fiche de lecture : Candide".utf8)
            let documents = "api/v1/establishments/\(f.uaiA)/shared_folders/\(folder.id)/shared_documents"
            // act
            let first = try await app.call(.POST, "\(documents)?name=candide.txt&added_on=2025-09-20", as: teacher, bytes: bytes)
            let second = try await app.call(.POST, "\(documents)?name=copie.txt&added_on=2025-09-21", as: admin, bytes: bytes)
            let byStudent = try await app.call(.POST, "\(documents)?name=x.txt&added_on=2025-09-21", as: student, bytes: bytes)
            let download = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/shared_documents/\(first.id)/content", as: student)
            let files = try await app.sql.select().column("id").from("files").all().count
            // check
            #expect(first.status == .created && second.status == .created)
            #expect(first.record["file_id"] == second.record["file_id"])
            #expect(files == 1)
            #expect(byStudent.status == .forbidden)
            #expect(download.status == .ok && download.body.string == "Fiche de lecture : Candide")
        }
    }

    @Test("Section roles are enforced: only its readers read a restricted section, only contributors publish, only managers give roles")
    func rolesEnforced() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let admin = try await app.logIn(f.academy.adminA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let staff = try await app.logIn(f.academy.staffA)
            let student = try await app.logIn(f.academy.studentA)
            let delegate = try await app.logIn(f.otherStudentA)
            let sections = "api/v1/establishments/\(f.uaiA)/sections"
            let council = try await app.call(.POST, sections, as: admin, json: [
                "kind": .text("standard"), "is_temporary": .bool(false), "title": .text("Conseil pédagogique"),
                "created_on": .text("2025-09-01")])
            let delegates = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/groups", as: admin,
                                                encodable: DirectoryAdminAPI.GroupDraft(code: "DELEGUES", name: "Délégués"))
            let delegatesID = try delegates.decode(GroupDTO.self).id
            let joined = try await app.call(.POST, "api/v1/groups/\(delegatesID)/members", as: admin,
                                            encodable: DirectoryAdminAPI.Member(accountID: f.otherStudentA.id!))
            try #require(delegates.status == .ok || delegates.status == .created)
            try #require(joined.status.code < 300)
            for (field, value, role) in [("group_id", ServiceCell.int(delegatesID), "reader"), ("account_id", f.id(f.academy.teacherA), "contributor")] {
                let given = try await app.call(.POST, "\(sections)/\(council.id)/section_roles", as: admin, json: [field: value, "role": .text(role)])
                try #require(given.status == .created)
            }
            let folder = try await app.call(.POST, "\(sections)/\(council.id)/shared_folders", as: admin, json: ["name": .text("Comptes rendus")])
            let post: ServiceRecord = ["title": .text("Ordre du jour"), "body": .text("…"), "published_on": .text("2025-10-01"),
                                       "on_home_page": .bool(true), "on_public_site": .bool(true)]
            // act
            let byContributor = try await app.call(.POST, "\(sections)/\(council.id)/publications", as: teacher, json: post)
            let byStudent = try await app.call(.POST, "\(sections)/\(council.id)/publications", as: student, json: post)
            let byDelegate = try await app.call(.POST, "\(sections)/\(council.id)/publications", as: delegate, json: post)
            let byStaffWithoutRole = try await app.call(.POST, "\(sections)/\(council.id)/publications", as: staff, json: post)
            let documentByStudent = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/shared_folders/\(folder.id)/shared_documents?name=x.txt&added_on=2025-10-02",
                                                       as: student, bytes: Array("x".utf8))
            let roleByContributor = try await app.call(.POST, "\(sections)/\(council.id)/section_roles", as: teacher, json: [
                "account_id": f.id(f.academy.studentA), "role": .text("manager")])
            let readByStudent = try await app.call(.GET, "\(sections)/\(council.id)", as: student)
            let listByStudent = try await app.call(.GET, "\(sections)/\(council.id)/publications", as: student)
            let sectionsOfStudent = try await app.call(.GET, sections, as: student).page.compactMap(\.["title"])
            let readByDelegate = try await app.call(.GET, "\(sections)/\(council.id)/publications", as: delegate)
            // check
            #expect(council.status == .created && folder.status == .created)
            #expect(byContributor.status == .created)
            // Outside its audience, the section does not exist; inside it, a reader may not write.
            #expect(byStudent.status == .notFound && byStaffWithoutRole.status == .notFound && documentByStudent.status == .notFound)
            #expect(byDelegate.status == .forbidden)
            #expect(roleByContributor.status == .forbidden)
            #expect(readByStudent.status == .notFound && listByStudent.status == .notFound)
            #expect(!sectionsOfStudent.contains(.text("Conseil pédagogique")))
            #expect(readByDelegate.status == .ok && readByDelegate.page.map(\.["title"]) == [.text("Ordre du jour")])
        }
    }
}
