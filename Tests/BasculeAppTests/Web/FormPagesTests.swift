import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Formulaires: the personnel write a form, members answer it once (and may change it), its author reads the answers")
struct FormPagesTests {
    @Test("A teacher's form is answered by a student twice (one answer kept), read by the teacher as a page and a CSV; closed, it takes no answer")
    func answers() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let (teacher, student, parent) = (try await app.logIn(f.academy.teacherA), try await app.logIn(f.academy.studentA),
                                              try await app.logIn(f.academy.parentA))
            let outsider = try await app.logIn(f.academy.adminB)
            // act
            let created = try await app.submit("formulaires?etablissement=\(f.uaiA)", as: teacher, fields: [
                ("titre", "Voyage à Rome <b>"), ("questions", "Participerez-vous ?\r\n\r\nRégime alimentaire ; allergies"),
            ])
            let id = try #require(try await app.sql.raw("SELECT id FROM forms WHERE title = 'Voyage à Rome <b>'")
                .first(decodingColumn: "id", as: Int.self))
            let questions = try await app.sql.raw("SELECT id FROM form_questions WHERE form_id = \(bind: id) ORDER BY position")
                .all(decodingColumn: "id", as: Int.self)
            let listForStudent = try await app.call(.GET, "formulaires?etablissement=\(f.uaiA)", as: student).body.string
            let missing = try await app.submit("formulaires/\(id)?etablissement=\(f.uaiA)", as: student,
                                               fields: [("reponse-\(questions[0])", "Oui")])
            _ = try await app.submit("formulaires/\(id)?etablissement=\(f.uaiA)", as: student,
                                     fields: [("reponse-\(questions[0])", "Oui"), ("reponse-\(questions[1])", "Aucune")])
            let again = try await app.submit("formulaires/\(id)?etablissement=\(f.uaiA)", as: student,
                                             fields: [("reponse-\(questions[0])", "Non"), ("reponse-\(questions[1])", "=HYPERLINK(\"x\")")])
            let listAfterAnswer = try await app.call(.GET, "formulaires?etablissement=\(f.uaiA)", as: student).body.string
            let answersPage = try await app.call(.GET, "formulaires/\(id)/reponses?etablissement=\(f.uaiA)", as: teacher).body.string
            let csv = try await app.call(.GET, "formulaires/\(id)/reponses.csv?etablissement=\(f.uaiA)", as: teacher)
            let answersByStudent = try await app.call(.GET, "formulaires/\(id)/reponses?etablissement=\(f.uaiA)", as: student)
            let byParent = try await app.submit("formulaires?etablissement=\(f.uaiA)", as: parent, fields: [("titre", "x"), ("questions", "y")])
            let byOutsider = try await app.call(.GET, "formulaires/\(id)?etablissement=\(f.uaiA)", as: outsider)
            let closedByStudent = try await app.submit("formulaires/\(id)/etat?etablissement=\(f.uaiA)", as: student, fields: [("ouvert", "0")])
            let closed = try await app.submit("formulaires/\(id)/etat?etablissement=\(f.uaiA)", as: teacher, fields: [("ouvert", "0")])
            let late = try await app.submit("formulaires/\(id)?etablissement=\(f.uaiA)", as: parent,
                                            fields: [("reponse-\(questions[0])", "Oui"), ("reponse-\(questions[1])", "Non")])
            let answers = try await app.sql.raw("""
                SELECT a.value FROM form_answers a JOIN form_questions q ON q.id = a.question_id WHERE q.form_id = \(bind: id) ORDER BY q.position
                """).all(decodingColumn: "value", as: String.self)
            // check
            #expect(created.status == .seeOther && questions.count == 2)
            #expect(listForStudent.contains("Voyage à Rome &lt;b&gt;") && !listForStudent.contains("Déjà remplis"))
            #expect(listAfterAnswer.contains("Déjà remplis, encore ouverts"))
            #expect(missing.status == .badRequest && missing.body.string.contains("Régime alimentaire ; allergies") && missing.body.string.contains(">Oui</textarea>"))
            #expect(again.status == .seeOther && answers == ["Non", "=HYPERLINK(\"x\")"])
            #expect(answersPage.contains("1 personne a répondu") && answersPage.contains("=HYPERLINK(\"x\")"))
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0].hasSuffix(";Participerez-vous ?;\"Régime alimentaire ; allergies\""))
            // A spreadsheet never reads an answer as a formula.
            #expect(lines[1].hasSuffix(";Non;'=HYPERLINK(\"\"x\"\")") || lines[1].hasSuffix(";Non;\"'=HYPERLINK(\"\"x\"\")\""))
            #expect(csv.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(answersByStudent.status == .forbidden && byParent.status == .forbidden && byOutsider.status == .forbidden)
            #expect(closedByStudent.status == .forbidden && closed.status == .seeOther && late.status == .forbidden)
        }
    }
}
