import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import BasculeApp

/// « Messagerie » in the pages: filing into personal folders survives the year change, the
/// rest of the inbox does not; folders are one's own; the export is one mbox per box.
@Suite("Mail pages: inbox, folders, filing before the year change, export")
struct MailPagesTests {
    @Test("A student files two inbox messages into a new folder: they survive the year change, the unfiled ones are hidden")
    func filingSurvivesTheChange() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let studentID = try fixture.academy.studentA.requireID()
            let teacher = try await app.logIn(fixture.academy.teacherA)
            let student = try await app.logIn(fixture.academy.studentA)
            for subject in ["Sortie <b>musée</b>", "Devoir", "Réunion"] {
                let sent = try await app.call(.POST, "api/v1/mail/messages", as: teacher,
                                              encodable: MailAPI.Draft(subject: subject, body: "Texte", to: [studentID]))
                try #require(sent.status == .created)
            }
            let deliveries = try await app.sql.raw("""
                SELECT d.id FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id
                WHERE d.account_id = \(bind: studentID) AND m.subject IN ('Sortie <b>musée</b>', 'Devoir') ORDER BY d.id
                """).all(decodingColumn: "id", as: Int.self)
            let unfiled = try await fixture.count("""
                mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: false) AND school_year_id = 1
                """)
            let before = try await app.call(.GET, "messagerie?recherche=mus%C3%A9e", as: student).body.string
            // act
            let created = try await app.submit("messagerie/dossiers", as: student, fields: [("nom", "À garder")])
            let folderID = try #require(Int(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let moved = try await app.submit("messagerie/deplacer", as: student, fields: deliveries.map { ("livraisons[]", String($0)) }
                + [("destination", String(folderID)), ("retour", "https://ailleurs.example/")])
            _ = try await fixture.run()
            let student2 = try await app.logIn(fixture.academy.studentA)
            let folder = try await app.call(.GET, "messagerie/dossiers/\(folderID)", as: student2).body.string
            let inboxPage = try await app.call(.GET, "messagerie", as: student2)
            let inbox = inboxPage.body.string
            let byTeacher = try await app.call(.GET, "messagerie/dossiers/\(folderID)", as: teacher)
            // check
            #expect(before.contains("Sortie &lt;b&gt;musée&lt;/b&gt;") && !before.contains("Devoir"))
            #expect(before.contains("les \(unfiled) messages non classés de votre boîte de réception seront masqués"), "\(unfiled)")
            #expect(moved.status == .seeOther && moved.headers.first(name: .location) == "/messagerie")
            #expect(folder.contains("Devoir") && folder.contains("Sortie &lt;b&gt;"))
            #expect(inboxPage.status == .ok && inbox.contains("Boîte de réception") && inbox.contains("À garder (2)"))
            #expect(!inbox.contains("Réunion") && !inbox.contains("Devoir"))
            #expect(byTeacher.status == .notFound)
        }
    }

    @Test("« Tout ranger » files the whole inbox into the year's folder; deleting a folder archives its messages; the export holds one mbox per box")
    func fileAllDeleteExport() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let studentID = try fixture.academy.studentA.requireID()
            let teacher = try await app.logIn(fixture.academy.teacherA)
            let student = try await app.logIn(fixture.academy.studentA)
            _ = try await app.call(.POST, "api/v1/mail/messages", as: teacher,
                                   encodable: MailAPI.Draft(subject: "Bulletin", body: "From the start\nligne", to: [studentID]))
            let unfiled = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: false) AND school_year_id = 1")
            // act
            let filed = try await app.submit("messagerie/tout-ranger", as: student)
            let folderID = try #require(Int(filed.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let named = try await fixture.count("mail_folders WHERE id = \(bind: folderID) AND name = 'Messages 2025-2026'")
            let left = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: false)")
            let export = try await app.call(.GET, "messagerie/export", as: student)
            let archivedBefore = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: true)")
            let deleted = try await app.submit("messagerie/dossiers/\(folderID)/suppression", as: student)
            let archived = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: true)")
            // check
            #expect(unfiled > 0 && left == 0)
            #expect(named == 1)
            #expect(try await fixture.count("mail_folders WHERE id = \(bind: folderID)") == 0)
            #expect(deleted.status == .seeOther && archived - archivedBefore == unfiled)
            let archive = try Archive(data: Data(buffer: export.body), accessMode: .read)
            let names = archive.map(\.path).sorted()
            #expect(names.contains("Boîte de réception.mbox") && names.contains("Dossier Messages 2025-2026.mbox"))
            var mbox = Data()
            _ = try archive.extract(try #require(archive["Dossier Messages 2025-2026.mbox"]), consumer: { mbox.append($0) })
            let text = String(decoding: mbox, as: UTF8.self)
            #expect(text.hasPrefix("From compte-") && text.contains("\n>From the start\n") && text.contains("Subject: Bulletin"))
        }
    }

    @Test("A teacher writes with an attachment from the compose page; the student reads it and downloads it sandboxed; a student's address book has the staff, not other students")
    func composeWithAttachment() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let studentID = try f.academy.studentA.requireID()
            let teacher = try await app.logIn(f.academy.teacherA)
            let student = try await app.logIn(f.academy.studentA)
            let token = try await app.csrfToken(as: teacher)
            let boundary = "----bascule-test"
            let content = "Liste des fournitures\n"
            func part(_ name: String, _ value: String) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            let body = part("_csrf", token) + part("a[]", String(studentID)) + part("objet", "Rentrée <script>")
                + part("texte", "Voir la pièce jointe.")
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"pieces\"; filename=\"../../fournitures\t.txt\"\r\n"
                + "Content-Type: text/html\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
            // act
            func post(_ body: String) async throws -> TestResponse {
                var response = TestResponse(status: .imATeapot, body: ByteBuffer())
                try await app.testing().test(.POST, "messagerie/nouveau", headers: teacher, beforeRequest: { req in
                    req.headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
                    req.body = ByteBuffer(string: body)
                }, afterResponse: { res in response = TestResponse(status: res.status, body: res.body, headers: res.headers) })
                return response
            }
            let sent = try await post(body)
            // A line break inside a part's header is not multipart: the sender's error, in French.
            let malformed = try await post(body.replacingOccurrences(of: "fournitures\t", with: "fournitures\r"))
            let messageID = try #require(try await app.sql.raw("""
                SELECT m.id FROM mail_messages m JOIN mail_deliveries d ON d.message_id = m.id
                WHERE d.account_id = \(bind: studentID) AND m.subject = 'Rentrée <script>'
                """).first(decodingColumn: "id", as: Int.self))
            let page = try await app.call(.GET, "messagerie/messages/\(messageID)", as: student).body.string
            let attachmentID = try #require(try await app.sql.raw("SELECT id FROM mail_attachments WHERE message_id = \(bind: messageID)")
                .first(decodingColumn: "id", as: Int.self))
            let download = try await app.call(.GET, "messagerie/messages/\(messageID)/pieces/\(attachmentID)", as: student)
            let byOutsider = try await app.call(.GET, "messagerie/messages/\(messageID)/pieces/\(attachmentID)",
                                                as: try await app.logIn(f.otherStudentA))
            let isRead = try await app.sql.raw("SELECT is_read FROM mail_deliveries WHERE message_id = \(bind: messageID)")
                .first(decodingColumn: "is_read", as: Bool.self)
            let staffBook = try await app.call(.GET, "messagerie/nouveau?cherche=\(f.academy.staffA.lastName.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", as: student).body.string
            let studentBook = try await app.call(.GET, "messagerie/nouveau?cherche=\(f.otherStudentA.lastName.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", as: student).body.string
            // check
            #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "/messagerie/envoyes")
            #expect(malformed.status == .badRequest && malformed.body.string.contains("Formulaire illisible"))
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM mail_messages WHERE subject = 'Rentrée <script>'")
                .first(decodingColumn: "n", as: Int.self) == 1)
            #expect(page.contains("Rentrée &lt;script&gt;") && page.contains("fournitures.txt"))
            #expect(isRead == true)
            #expect(download.status == .ok && download.body.string == content)
            #expect(download.headers.first(name: .contentType) == "application/octet-stream")
            #expect(download.headers.first(name: "Content-Security-Policy") == "sandbox; default-src 'none'")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"fournitures.txt\"") == true)
            #expect(byOutsider.status == .notFound)
            #expect(staffBook.contains(f.academy.staffA.displayName))
            #expect(!studentBook.contains("name=\"a[]\" value=\"\(try f.otherStudentA.requireID())\""))
        }
    }
}
