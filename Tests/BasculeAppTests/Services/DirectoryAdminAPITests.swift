import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Manual groups and accounts: what an establishment keeps by hand")
struct DirectoryAdminAPITests {
    @Test("A teacher creates a group limited to the year; its owner or an administrator makes it unlimited; others cannot")
    func manualGroups() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let admin = try await app.logIn(f.academy.adminA)
            let colleagueAccount = try await Profile.query(on: app.db).filter(\.$establishment.$id == f.academy.establishmentA.requireID())
                .filter(\.$kind == .teacher).filter(\.$account.$id != f.academy.teacherA.requireID()).with(\.$account).first()!.account
            colleagueAccount.passwordHash = try Bcrypt.hash(TestAcademy.password, cost: 4)
            try await colleagueAccount.save(on: app.db)
            let colleague = try await app.logIn(colleagueAccount)
            let adminB = try await app.logIn(f.academy.adminB)
            // act
            let created = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/groups", as: teacher,
                                             encodable: DirectoryAdminAPI.GroupDraft(code: "CLUB-ECHECS", name: "Club d'échecs"))
            let group = try created.decode(GroupDTO.self)
            let duplicate = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/groups", as: teacher,
                                               encodable: DirectoryAdminAPI.GroupDraft(code: "CLUB-ECHECS", name: "Bis"))
            let byStudent = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/groups", as: try await app.logIn(f.academy.studentA),
                                               encodable: DirectoryAdminAPI.GroupDraft(code: "X", name: "X"))
            let byColleague = try await app.call(.PATCH, "api/v1/groups/\(group.id)", as: colleague,
                                                  encodable: DirectoryAdminAPI.GroupChange(lifetime: .unlimited))
            let byAdminB = try await app.call(.PATCH, "api/v1/groups/\(group.id)", as: adminB,
                                              encodable: DirectoryAdminAPI.GroupChange(lifetime: .unlimited))
            let member = try await app.call(.POST, "api/v1/groups/\(group.id)/members", as: teacher,
                                            encodable: DirectoryAdminAPI.Member(accountID: f.academy.studentA.id!))
            let foreignMember = try await app.call(.POST, "api/v1/groups/\(group.id)/members", as: teacher,
                                                   encodable: DirectoryAdminAPI.Member(accountID: f.academy.studentB.id!))
            let byAdmin = try await app.call(.PATCH, "api/v1/groups/\(group.id)", as: admin,
                                             encodable: DirectoryAdminAPI.GroupChange(lifetime: .unlimited))
            let institutional = try await Group.query(on: app.db).filter(\.$establishment.$id == f.academy.establishmentA.requireID())
                .filter(\.$kind != .manual).first()!
            let feedGroup = try await app.call(.PATCH, "api/v1/groups/\(institutional.requireID())", as: admin,
                                               encodable: DirectoryAdminAPI.GroupChange(lifetime: .unlimited))
            let stored = try await Group.find(group.id, on: app.db)!
            // check
            #expect(created.status == .created && group.kind == .manual && group.lifetime == .schoolYear)
            #expect(duplicate.status == .badRequest)
            #expect(byStudent.status == .forbidden)
            #expect(byColleague.status == .forbidden)
            #expect(byAdminB.status == .notFound)
            #expect(member.status == .noContent && foreignMember.status == .badRequest)
            #expect(byAdmin.status == .ok && stored.lifetime == .unlimited)
            #expect(feedGroup.status == .forbidden)
        }
    }

    @Test("An administrator creates a manual account, then makes it perennial; feed accounts and other establishments are refused")
    func manualAccounts() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let admin = try await app.logIn(f.academy.adminA)
            let adminB = try await app.logIn(f.academy.adminB)
            let teacher = try await app.logIn(f.academy.teacherA)
            // act
            let created = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/accounts", as: admin,
                                             encodable: DirectoryAdminAPI.AccountDraft(firstName: "Léa", lastName: "Intervenante", profile: .staff))
            let id = try created.decode(MemberDTO.self).id
            let byTeacher = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/accounts", as: teacher,
                                               encodable: DirectoryAdminAPI.AccountDraft(firstName: "A", lastName: "B", profile: .staff))
            let promote = try await app.call(.POST, "api/v1/establishments/\(f.uaiA)/accounts", as: admin,
                                             encodable: DirectoryAdminAPI.AccountDraft(firstName: "A", lastName: "B", profile: .entAdmin))
            let fromB = try await app.call(.PATCH, "api/v1/accounts/\(id)", as: adminB, encodable: DirectoryAdminAPI.AccountChange(isPerennial: true))
            let perennial = try await app.call(.PATCH, "api/v1/accounts/\(id)", as: admin, encodable: DirectoryAdminAPI.AccountChange(isPerennial: true))
            let feedAccount = try await app.call(.PATCH, "api/v1/accounts/\(f.academy.studentA.id!)", as: admin,
                                                 encodable: DirectoryAdminAPI.AccountChange(isPerennial: true))
            let account = try await Account.find(id, on: app.db)!
            // check
            #expect(created.status == .created)
            #expect(account.login == "lea.intervenante" && account.source == .manual && account.passwordHash == nil)
            #expect(byTeacher.status == .forbidden && promote.status == .forbidden)
            #expect(fromB.status == .notFound, "another establishment's account is out of reach, as if absent")
            #expect(perennial.status == .noContent && account.isPerennial)
            #expect(feedAccount.status == .forbidden)
        }
    }

    @Test("Once the establishment's change has started, the API keeps no group or account, as the dashboard refuses to")
    func nothingKeptOnceChangeStarted() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let admin = try await app.logIn(fixture.academy.adminA)
            let a = fixture.establishmentA
            let group = try await app.sql.raw("""
                SELECT id FROM groups WHERE establishment_id = \(bind: a) AND school_year_id = 1 AND kind = 'manual'
                AND lifetime = 'school_year' ORDER BY id
                """).first(decodingColumn: "id", as: Int.self)!
            let account = try await app.sql.raw("""
                SELECT id FROM accounts a WHERE source = 'manual' AND is_perennial = \(false) AND state = 'active'
                AND EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id = \(bind: a))
                AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.establishment_id <> \(bind: a)) ORDER BY id
                """).first(decodingColumn: "id", as: Int.self)!
            // A run under way for establishment A (as while its steps run, or once its instance died).
            try await app.sql.raw("""
                INSERT INTO year_change_runs (establishment_id, from_year_id, to_year_id, state, as_of, started_at)
                VALUES (\(bind: a), 1, 2, 'running', '2026-07-24', '2026-07-24T18:00:00')
                """).run()
            // act
            let keepGroup = try await app.call(.PATCH, "api/v1/groups/\(group)", as: admin,
                                               encodable: DirectoryAdminAPI.GroupChange(lifetime: .unlimited))
            let keepAccount = try await app.call(.PATCH, "api/v1/accounts/\(account)", as: admin,
                                                 encodable: DirectoryAdminAPI.AccountChange(isPerennial: true))
            let dashboard = try await app.submit("etablissements/\(fixture.uaiA)/changement-d-annee/conserver/manual_groups", as: admin,
                                                 fields: [("ids[]", String(group)), ("portee", "selection")])
            let rename = try await app.call(.PATCH, "api/v1/groups/\(group)", as: admin, encodable: DirectoryAdminAPI.GroupChange(name: "Atelier"))
            // check
            #expect(keepGroup.status == .conflict && keepAccount.status == .conflict && dashboard.status == .conflict)
            #expect(try await fixture.count("groups WHERE id = \(bind: group) AND lifetime = 'school_year'") == 1)
            #expect(try await fixture.count("accounts WHERE id = \(bind: account) AND is_perennial = \(bind: false)") == 1)
            #expect(rename.status == .ok)
        }
    }

    @Test("Student photos: who reads what; targeted messages, forms and favourites only through their pages")
    func targetedPhotosForms() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let head = try await app.logIn(f.academy.headA)
            let staff = try await app.logIn(f.academy.staffA)
            let parent = try await app.logIn(f.academy.parentA)
            let otherParentAccount = try await ParentLink.query(on: app.db).filter(\.$student.$id == f.otherStudentA.requireID())
                .with(\.$parent).first()!.parent
            otherParentAccount.passwordHash = try Bcrypt.hash(TestAcademy.password, cost: 4)
            try await otherParentAccount.save(on: app.db)
            let otherParent = try await app.logIn(otherParentAccount)
            let base = "api/v1/establishments/\(f.uaiA)"
            // act
            let message = try await app.call(.POST, "\(base)/targeted_messages", as: head, json: [
                "title": .text("Réunion parents-professeurs"), "body": .text("Jeudi 18 h."), "sent_at": .text("2025-11-03T10:00:00"),
                "audience": .text("parents")])
            let receipt = try await app.call(.POST, "\(base)/targeted_messages/1/targeted_message_recipients", as: head,
                                             json: ["account_id": f.id(f.academy.parentA)])
            let historyByParent = try await app.call(.GET, "\(base)/targeted_messages", as: parent)
            let photo = try await app.call(.POST, "\(base)/student_photos?student_id=\(f.academy.studentA.id!)&uploaded_on=2025-09-20",
                                           as: staff, bytes: pngHeader)
            let photoByParent = try await app.call(.GET, "\(base)/student_photos/\(photo.id)/content", as: parent)
            let photoByOtherParent = try await app.call(.GET, "\(base)/student_photos/\(photo.id)/content", as: otherParent)
            // Forms, communications and favourites have rules of their own: their pages only.
            let form = try await app.call(.POST, "\(base)/forms", as: staff, json: [
                "title": .text("Sortie de fin d'année"), "is_open": .bool(true), "created_on": .text("2025-05-02")])
            let answers = try await app.call(.GET, "\(base)/form_questions/1/form_answers", as: staff)
            let favourite = try await app.call(.POST, "api/v1/me/favourites", as: parent, json: [
                "title": .text("x"), "url": .text("javascript:alert(1)")])
            // check
            #expect(message.status == .methodNotAllowed && receipt.status == .methodNotAllowed)
            #expect(historyByParent.status == .methodNotAllowed)
            #expect(photo.status == .created && photoByParent.status == .ok && photoByParent.body.readableBytes == pngHeader.count)
            #expect(photoByOtherParent.status == .notFound)
            #expect(form.status == .methodNotAllowed && answers.status == .methodNotAllowed && favourite.status == .methodNotAllowed)
            #expect(form.body.string.contains("/formulaires") && favourite.body.string.contains("/favoris"))
        }
    }
}
