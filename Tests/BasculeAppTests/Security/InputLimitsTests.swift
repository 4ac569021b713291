import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// Text a person sends is bounded and never holds a NUL; a GET changes nothing; pupils do not
/// mail the whole establishment (issue 13, finding 12).
@Suite("Input limits: text fields, reading mail, mass mail")
struct InputLimitsTests {
    @Test("A NUL or an oversized text is refused with the field named; prose gets room")
    func textLimits() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let path = "api/v1/me/calendar_events"
            let event: ServiceRecord = ["title": .text("Contrôle"), "starts_at": .text("2025-11-03T08:00:00"),
                                        "ends_at": .text("2025-11-03T09:00:00")]
            // act
            let withNUL = try await app.call(.POST, path, as: student, json: event.merging(["title": .text("Con\u{0}trôle")]) { $1 })
            let tooLong = try await app.call(.POST, path, as: student, json: event.merging(["title": .text(String(repeating: "a", count: 501))]) { $1 })
            let fine = try await app.call(.POST, path, as: student, json: event)
            let mail = try await app.call(.POST, "api/v1/mail/messages", as: student, encodable: MailAPI.Draft(
                subject: "Devoir", body: String(repeating: "b", count: 20_001), to: [f.otherStudentA.id!]))
            // check
            #expect(withNUL.status == .badRequest && withNUL.body.string.contains("caractère nul interdit"))
            #expect(tooLong.status == .badRequest && tooLong.body.string.contains("« title » : 500 caractères au plus"))
            #expect(fine.status == .created, "\(fine.body.string)")
            #expect(mail.status == .badRequest && mail.body.string.contains("20000 caractères au plus"))
        }
    }

    @Test("Reading a message does not mark it read; the client says so with PATCH")
    func getChangesNothing() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let message = try await app.call(.POST, "api/v1/mail/messages", as: teacher, encodable: MailAPI.Draft(
                subject: "Sortie", body: "Lundi.", to: [f.academy.studentA.id!])).decode(MailAPI.Message.self)
            // act
            let read = try await app.call(.GET, "api/v1/mail/messages/\(message.id)", as: student)
            let inbox = try await app.call(.GET, "api/v1/mail/inbox", as: student).decode([MailAPI.Summary].self)
            // check
            #expect(read.status == .ok)
            #expect(inbox.map(\.isRead) == [false])
        }
    }

    /// Each of `senders` has written to `student`, who may then answer them (a pupil writes to
    /// their teachers, the staff, and whoever wrote to them).
    static func written(by senders: [Int], to student: Int, _ app: Application) async throws {
        try await app.sql.raw("""
            INSERT INTO mail_messages (school_year_id, sender_id, sent_at, subject, body)
            SELECT 1, id, '2026-06-01T08:00:00', 'Bonjour', '' FROM accounts WHERE id IN (\(binds: senders))
            """).run()
        try await app.sql.raw("""
            INSERT INTO mail_deliveries (message_id, account_id, school_year_id, is_read, is_archived)
            SELECT id, \(bind: student), 1, \(bind: true), \(bind: true) FROM mail_messages
            WHERE subject = 'Bonjour' AND sender_id IN (\(binds: senders))
            """).run()
    }

    @Test("A pupil writes to 30 people at most per message and 100 per hour; a teacher is not limited")
    func massMail() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let schoolmates = try await f.others(.student, besides: f.academy.studentA, limit: 120, app)
            try #require(schoolmates.count == 120)
            try await Self.written(by: schoolmates, to: try f.academy.studentA.requireID(), app)
            func send(_ headers: HTTPHeaders, _ to: ArraySlice<Int>) async throws -> HTTPStatus {
                try await app.call(.POST, "api/v1/mail/messages", as: headers, encodable: MailAPI.Draft(
                    subject: "Fête", body: "Venez !", to: Array(to))).status
            }
            // act
            let tooMany = try await send(student, schoolmates.prefix(31))
            var batches: [HTTPStatus] = []
            for start in stride(from: 0, to: 120, by: 30) { batches.append(try await send(student, schoolmates[start..<start + 30])) }
            let byTeacher = try await send(teacher, schoolmates.prefix(120))
            // check
            #expect(tooMany == .forbidden)
            #expect(batches == [.created, .created, .created, .tooManyRequests])
            #expect(byTeacher == .created)
        }
    }

    @Test("The platform sets the pupils' limits: BASCULE_MAIL_MAX_RECIPIENTS and BASCULE_MAIL_MAX_PER_HOUR")
    func massMailSettings() async throws {
        try await withTestApp(settings: ["BASCULE_MAIL_MAX_RECIPIENTS": "5", "BASCULE_MAIL_MAX_PER_HOUR": "8"]) { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let schoolmates = try await f.others(.student, besides: f.academy.studentA, limit: 10, app)
            try await Self.written(by: schoolmates, to: try f.academy.studentA.requireID(), app)
            func send(_ to: ArraySlice<Int>) async throws -> TestResponse {
                try await app.call(.POST, "api/v1/mail/messages", as: student, encodable: MailAPI.Draft(
                    subject: "Fête", body: "Venez !", to: Array(to)))
            }
            // act
            let six = try await send(schoolmates.prefix(6))
            let five = try await send(schoolmates.prefix(5))
            let four = try await send(schoolmates.suffix(4))
            // check
            #expect(six.status == .forbidden && six.body.string.contains("5 destinataires au plus"))
            #expect(five.status == .created)
            #expect(four.status == .tooManyRequests && four.body.string.contains("8 destinataires"))
        }
    }

    @Test("A body that does not decode is refused in French with the field's name, never Swift's types")
    func decodingErrorsInFrench() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let teacher = try await app.logIn(academy.teacherA)
            var headers = teacher
            headers.contentType = .json
            // act
            var responses: [TestResponse] = []
            for body in [#"{"subject": 3, "body": "x"}"#, #"{"body": "x"}"#, "pas du JSON"] {
                responses.append(try await app.call(.POST, "api/v1/mail/messages", as: headers, bytes: Array(body.utf8), contentType: .json))
            }
            // check
            #expect(responses.map(\.status) == [.badRequest, .badRequest, .badRequest])
            #expect(responses[0].body.string.contains("champ « subject » d'un type inattendu"))
            #expect(responses[1].body.string.contains("champ « subject » manquant"))
            for response in responses {
                #expect(!response.body.string.contains("String") && !response.body.string.contains("Swift") && !response.body.string.contains("CodingKeys"))
            }
        }
    }
}
