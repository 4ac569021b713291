import BasculeDomain
import BasculeStorage
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Communications ciblées: an administrator writes to profiles and classes; recipients read it on their home page until they acknowledge it")
struct CommunicationPagesTests {
    @Test("To the parents of one class: exactly those parents receive it, see it on their home page until they say they read it; the history counts them")
    func toParentsOfAClass() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let (admin, parent, student, teacher) = (try await app.logIn(f.academy.adminA), try await app.logIn(f.academy.parentA),
                                                     try await app.logIn(f.academy.studentA), try await app.logIn(f.academy.teacherA))
            let expected = try await app.sql.raw("""
                SELECT DISTINCT l.parent_id FROM parent_links l JOIN class_memberships m ON m.account_id = l.student_id
                WHERE m.class_id = \(bind: f.classOfStudentA) AND l.school_year_id = 1
                AND EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = l.parent_id AND p.kind = 'parent'
                            AND p.establishment_id = \(bind: try f.academy.establishmentA.requireID()))
                ORDER BY l.parent_id
                """).all(decodingColumn: "parent_id", as: Int.self)
            let form = try await app.call(.GET, "communications/nouvelle?etablissement=\(f.uaiA)", as: admin).body.string
            // act
            let sent = try await app.submit("communications?etablissement=\(f.uaiA)", as: admin, fields: [
                ("titre", "Sortie <scolaire>"), ("texte", "Départ à 8 h devant le collège."), ("destinataires", "parents"),
                ("classes[]", String(f.classOfStudentA)),
            ])
            let id = try #require(try await app.sql.raw("SELECT id FROM targeted_messages WHERE title = 'Sortie <scolaire>'")
                .first(decodingColumn: "id", as: Int.self))
            let recipients = try await app.sql.raw("SELECT account_id FROM targeted_message_recipients WHERE message_id = \(bind: id) ORDER BY account_id")
                .all(decodingColumn: "account_id", as: Int.self)
            let homeBefore = try await app.call(.GET, "accueil", as: parent).body.string
            let studentHome = try await app.call(.GET, "accueil", as: student).body.string
            let acknowledged = try await app.submit("communications/\(id)/lu", as: parent)
            let homeAfter = try await app.call(.GET, "accueil", as: parent).body.string
            let received = try await app.call(.GET, "communications", as: parent).body.string
            let history = try await app.call(.GET, "communications/historique?etablissement=\(f.uaiA)", as: admin).body.string
            let byTeacher = try await app.submit("communications?etablissement=\(f.uaiA)", as: teacher,
                                                 fields: [("titre", "x"), ("texte", "y"), ("destinataires", "all")])
            let notMine = try await app.submit("communications/\(id)/lu", as: student)
            let unknown = try await app.submit("communications?etablissement=\(f.uaiA)", as: admin,
                                               fields: [("titre", "Tout le monde ?"), ("texte", "x"), ("destinataires", "parentz")])
            let unknownSent = try await app.sql.raw("SELECT COUNT(*) AS n FROM targeted_messages WHERE title = 'Tout le monde ?'")
                .first(decodingColumn: "n", as: Int.self)
            let historyByTeacher = try await app.call(.GET, "communications/historique?etablissement=\(f.uaiA)", as: teacher)
            let empty = try await app.submit("communications?etablissement=\(f.uaiA)", as: admin,
                                             fields: [("titre", "Sans texte"), ("texte", " "), ("destinataires", "all")])
            // check
            #expect(form.contains("name=\"classes[]\"") && form.contains("value=\"parents\""))
            #expect(sent.status == .seeOther)
            let parentID = try f.academy.parentA.requireID()
            #expect(!expected.isEmpty && recipients == expected && recipients.contains(parentID))
            #expect(homeBefore.contains("Sortie &lt;scolaire&gt;") && homeBefore.contains("J'en ai pris connaissance"))
            #expect(!studentHome.contains("Sortie &lt;scolaire&gt;"))
            #expect(acknowledged.status == .seeOther && !homeAfter.contains("Sortie &lt;scolaire&gt;"))
            #expect(received.contains("Sortie &lt;scolaire&gt;") && received.contains("Lue le"))
            #expect(history.contains("Les parents\u{A0}: \(expected.count)") && history.contains("1 sur \(expected.count)"))
            #expect(byTeacher.status == .forbidden && notMine.status == .notFound)
            #expect(unknown.status == .badRequest && unknownSent == 0 && unknown.body.string.contains("value=\"Tout le monde ?\""))
            #expect(historyByTeacher.status == .forbidden && !historyByTeacher.body.string.contains("targeted_messages"))
            #expect(empty.status == .badRequest && empty.body.string.contains("value=\"Sans texte\"") && empty.body.string.contains("« Texte »"))
        }
    }
}
