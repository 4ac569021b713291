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
            let before = try await app.call(.GET, "messagerie?recherche=mus%C3%A9e", as: student).body.string
            // act
            let created = try await app.submit("messagerie/dossiers", as: student, fields: [("nom", "À garder")])
            let folderID = try #require(Int(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let moved = try await app.submit("messagerie/deplacer", as: student, fields: deliveries.map { ("livraisons[]", String($0)) }
                + [("destination", String(folderID)), ("retour", "https://ailleurs.example/")])
            _ = try await fixture.run()
            let student2 = try await app.logIn(fixture.academy.studentA)
            let folder = try await app.call(.GET, "messagerie/dossiers/\(folderID)", as: student2).body.string
            let inbox = try await app.call(.GET, "messagerie", as: student2).body.string
            let byTeacher = try await app.call(.GET, "messagerie/dossiers/\(folderID)", as: teacher)
            // check
            #expect(before.contains("Sortie &lt;b&gt;musée&lt;/b&gt;") && !before.contains("Devoir"))
            #expect(before.contains("seront masqués") || before.contains("sera masqué"))
            #expect(moved.status == .seeOther && moved.headers.first(name: .location) == "/messagerie")
            #expect(folder.contains("Devoir") && folder.contains("Sortie &lt;b&gt;"))
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
            let left = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: false)")
            let export = try await app.call(.GET, "messagerie/export", as: student)
            let archivedBefore = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: true)")
            let deleted = try await app.submit("messagerie/dossiers/\(folderID)/suppression", as: student)
            let archived = try await fixture.count("mail_deliveries WHERE account_id = \(bind: studentID) AND folder_id IS NULL AND is_archived = \(bind: true)")
            // check
            #expect(unfiled > 0 && left == 0)
            #expect(try await fixture.count("mail_folders WHERE id = \(bind: folderID) AND name = 'Messages 2025-2026'") == 0)
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
}
