import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Mail API: inboxes are private, classes are expanded, folders are one's own")
struct MailAPITests {
    @Test("A teacher writes to a student and a class; each recipient reads it, others get nothing")
    func sendAndRead() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let outsider = try await app.logIn(f.otherStudentA)
            let classSize = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == f.classOfStudentA).count()
            // act
            let sent = try await app.call(.POST, "api/v1/mail/messages", as: teacher, encodable: MailAPI.Draft(
                subject: "Sortie au musée", body: "Autorisation à rendre lundi.", to: [f.academy.studentA.id!],
                classes: [f.classOfStudentA]))
            let message = try sent.decode(MailAPI.Message.self)
            let inbox = try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self)
            let readByStudent = try await app.call(.GET, "api/v1/mail/messages/\(message.id)", as: student)
            let readByOutsider = try await app.call(.GET, "api/v1/mail/messages/\(message.id)", as: outsider)
            let outsiderInbox = try await app.call(.GET, "api/v1/mail/inbox", as: outsider).decode([MailAPI.Summary].self)
            let sentBox = try await app.call(.GET, "api/v1/mail/sent", as: teacher).decode([MailAPI.Summary].self)
            let toOtherEstablishment = try await app.call(.POST, "api/v1/mail/messages", as: teacher, encodable: MailAPI.Draft(
                subject: "?", body: "?", to: [f.academy.studentB.id!]))
            let toUnseenClass = try await app.call(.POST, "api/v1/mail/messages", as: student, encodable: MailAPI.Draft(
                subject: "?", body: "?", classes: [f.otherClassA]))
            // check
            #expect(sent.status == .created)
            #expect(message.recipients.count == classSize)  // the student once, though named twice
            #expect(inbox.map(\.messageID) == [message.id])
            #expect(readByStudent.status == .ok)
            #expect(readByOutsider.status == .notFound)
            #expect(outsiderInbox.isEmpty)
            #expect(sentBox.map(\.messageID) == [message.id])
            #expect(toOtherEstablishment.status == .badRequest)
            #expect(toUnseenClass.status == .badRequest)
        }
    }

    @Test("A sent message cannot be unsent, nor a delivery removed, through the generic API: mail is written by its own routes")
    func noUnsending() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let message = try await app.call(.POST, "api/v1/mail/messages", as: teacher, encodable: MailAPI.Draft(
                subject: "Sortie au musée", body: "Autorisation à rendre lundi.", to: [f.academy.studentA.id!]))
                .decode(MailAPI.Message.self)
            let delivery = try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self)[0]
            // act
            let unsend = try await app.call(.DELETE, "api/v1/me/mail_messages/\(message.id)", as: teacher)
            let undeliver = try await app.call(.DELETE, "api/v1/me/mail_deliveries/\(delivery.deliveryID!)", as: student)
            // check
            #expect(unsend.status == .methodNotAllowed && undeliver.status == .methodNotAllowed)
            #expect(try await app.call(.GET, "api/v1/mail/messages/\(message.id)", as: student).status == .ok)
            #expect(try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self).count == 1)
        }
    }

    @Test("An attachment is downloaded by the message's readers only, as a sandboxed download; the generic child routes answer, not crash")
    func attachments() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            _ = try await fixture.run()
            let head = try await app.logIn(fixture.academy.headA)
            let teacher = try await app.logIn(fixture.academy.teacherA)
            let summary = try await app.call(.GET, "api/v1/mail/inbox", as: head).decode([MailAPI.Summary].self)
                .first { $0.subject.hasPrefix("Archive des sanctions") }!
            let message = try await app.call(.GET, "api/v1/mail/messages/\(summary.messageID)", as: head).decode(MailAPI.Message.self)
            let path = "api/v1/mail/messages/\(message.id)/attachments/\(message.attachments[0].id)"
            // act
            let download = try await app.call(.GET, path, as: head)
            let byTeacher = try await app.call(.GET, path, as: teacher)
            let generic = try await app.call(.GET, "api/v1/establishments/\(fixture.uaiA)/mail_messages/\(message.id)/mail_attachments", as: head)
            // check
            #expect(message.attachments.map(\.name) == ["sanctions-2025-2026.csv"])
            #expect(download.status == .ok && download.body.readableBytes > 3)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"sanctions-2025-2026.csv\"") == true)
            #expect(download.headers.first(name: "Content-Security-Policy") == "sandbox; default-src 'none'")
            #expect(byTeacher.status == .notFound)
            #expect(generic.status.code < 500, "\(generic.status)")
        }
    }

    @Test("A recipient files a message in their own folder, which takes it out of the inbox; not in someone else's")
    func filing() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            _ = try await app.call(.POST, "api/v1/mail/messages", as: teacher, encodable: MailAPI.Draft(
                subject: "Bulletin", body: "…", to: [f.academy.studentA.id!]))
            let delivery = try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self)[0].deliveryID!
            let ownFolder = try await app.call(.POST, "api/v1/me/mail_folders", as: student, json: ["name": .text("Important")])
            let teacherFolder = try await app.call(.POST, "api/v1/me/mail_folders", as: teacher, json: ["name": .text("À moi")])
            // act
            let intoTheirs = try await app.call(.PATCH, "api/v1/mail/deliveries/\(delivery)", as: student,
                                                encodable: MailAPI.Filing(folderID: teacherFolder.id))
            let byTeacher = try await app.call(.PATCH, "api/v1/mail/deliveries/\(delivery)", as: teacher,
                                               encodable: MailAPI.Filing(folderID: teacherFolder.id))
            let intoOwn = try await app.call(.PATCH, "api/v1/mail/deliveries/\(delivery)", as: student,
                                             encodable: MailAPI.Filing(folderID: ownFolder.id))
            let inbox = try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self)
            let folder = try await app.call(.GET, "api/v1/mail/inbox?folder=\(ownFolder.id)", as: student).decode([MailAPI.Summary].self)
            // check
            #expect(intoTheirs.status == .badRequest)
            #expect(byTeacher.status == .notFound)
            #expect(intoOwn.status == .noContent)
            #expect(inbox.isEmpty)
            #expect(folder.map(\.deliveryID) == [delivery])
        }
    }

    @Test("A student writes to their teachers and the staff only: not to another family, not to another class; the answer to whoever wrote to them goes")
    func studentContacts() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let otherParent = try #require(try await app.sql.raw("""
                SELECT l.parent_id FROM parent_links l WHERE l.student_id = \(bind: try f.otherStudentA.requireID())
                """).first(decodingColumn: "parent_id", as: Int.self))
            let ownTeachers = try await app.sql.raw("""
                SELECT t.teacher_id FROM teaching_assignments t WHERE t.class_id = \(bind: f.classOfStudentA) ORDER BY t.teacher_id LIMIT 1
                """).all(decodingColumn: "teacher_id", as: Int.self)
            func send(_ draft: MailAPI.Draft) async throws -> HTTPStatus { try await app.call(.POST, "api/v1/mail/messages", as: student, encodable: draft).status }
            // act
            let toFamily = try await send(MailAPI.Draft(subject: "Bonjour", body: "x", to: [otherParent]))
            let toPupil = try await send(MailAPI.Draft(subject: "Bonjour", body: "x", to: [try f.otherStudentA.requireID()]))
            let toOtherClass = try await send(MailAPI.Draft(subject: "Bonjour", body: "x", classes: [f.otherClassA]))
            let toTeacher = try await send(MailAPI.Draft(subject: "Devoir", body: "Une question.", to: ownTeachers))
            // the other pupil, refused above, may be answered once they have written to the student
            try await InputLimitsTests.written(by: [try f.otherStudentA.requireID()], to: try f.academy.studentA.requireID(), app)
            let toWriter = try await send(MailAPI.Draft(subject: "RE : Bonjour", body: "Merci.", to: [try f.otherStudentA.requireID()]))
            // check
            #expect(toFamily == .badRequest && toPupil == .badRequest && toOtherClass == .badRequest)
            #expect(!ownTeachers.isEmpty && toTeacher == .created)
            #expect(toWriter == .created)
        }
    }
}
