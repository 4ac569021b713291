import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Carnet de liaison pages: a parent and the staff write about a student, others do not read it")
struct LiaisonPagesTests {
    @Test("A parent starts a conversation about their child, a teacher replies; the student reads it, another family does not; the student cannot write")
    func conversation() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let uai = f.uaiA
            let (parent, teacher, student, other) = (try await app.logIn(f.academy.parentA), try await app.logIn(f.academy.teacherA),
                                                     try await app.logIn(f.academy.studentA), try await app.logIn(f.otherStudentA))
            let child = try f.academy.studentA.requireID()
            let form = try await app.call(.GET, "carnet-de-liaison?etablissement=\(uai)", as: parent).body.string
            // act
            let started = try await app.submit("carnet-de-liaison?etablissement=\(uai)", as: parent, fields: [
                ("eleve", String(child)), ("objet", "Absence de jeudi <i>"), ("message", "Mon enfant sera absent jeudi matin."),
            ])
            let id = try #require(try await app.sql.raw("SELECT id FROM liaison_conversations WHERE subject = 'Absence de jeudi <i>'")
                .first(decodingColumn: "id", as: Int.self))
            let replied = try await app.submit("carnet-de-liaison/\(id)?etablissement=\(uai)", as: teacher,
                                               fields: [("message", "Bien noté, merci.")])
            let byStudent = try await app.call(.GET, "carnet-de-liaison/\(id)?etablissement=\(uai)", as: student)
            let byOther = try await app.call(.GET, "carnet-de-liaison/\(id)?etablissement=\(uai)", as: other)
            let replyByStudent = try await app.submit("carnet-de-liaison/\(id)?etablissement=\(uai)", as: student, fields: [("message", "x")])
            let startByStudent = try await app.submit("carnet-de-liaison?etablissement=\(uai)", as: student,
                                                      fields: [("eleve", String(child)), ("objet", "x"), ("message", "y")])
            let aboutAnother = try await app.submit("carnet-de-liaison?etablissement=\(uai)", as: parent, fields: [
                ("eleve", String(try f.otherStudentA.requireID())), ("objet", "x"), ("message", "y"),
            ])
            let aboutColleague = try await app.submit("carnet-de-liaison?etablissement=\(uai)", as: teacher, fields: [
                ("eleve", String(try f.academy.adminA.requireID())), ("objet", "x"), ("message", "y"),
            ])
            let printable = try await app.call(.GET, "carnet-de-liaison/\(id)/impression?etablissement=\(uai)", as: parent).body.string
            let listByTeacher = try await app.call(.GET, "carnet-de-liaison?etablissement=\(uai)", as: teacher).body.string
            let messages = try await app.sql.raw("SELECT COUNT(*) AS n FROM liaison_messages WHERE conversation_id = \(bind: id)")
                .first(decodingColumn: "n", as: Int.self)
            // check
            #expect(form.contains("name=\"eleve\"") && form.contains("value=\"\(child)\""))
            #expect(started.status == .seeOther && replied.status == .seeOther)
            #expect(byStudent.status == .ok && byStudent.body.string.contains("Bien noté, merci."))
            #expect(byStudent.body.string.contains("Absence de jeudi &lt;i&gt;") && !byStudent.body.string.contains("id=\"repondre\""))
            #expect(byOther.status == .notFound)
            #expect(replyByStudent.status == .forbidden && startByStudent.status == .forbidden && aboutAnother.status == .forbidden)
            #expect(aboutColleague.status == .forbidden)
            #expect(messages == 2)
            #expect(printable.contains("Mon enfant sera absent jeudi matin.") && !printable.contains("id=\"repondre\""))
            #expect(listByTeacher.contains("2 messages") && listByTeacher.contains("name=\"identifiant\""))
        }
    }
}
