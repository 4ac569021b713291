import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import BasculeApp

@Suite("Porte-documents pages: folders and files of one's own, renamed, moved, deleted, downloaded one by one or as a ZIP")
struct BoxPagesTests {
    @Test("A student files two uploads into a folder and a subfolder, downloads them and the ZIP; another person reaches none of it")
    func folders() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let student = try await app.logIn(academy.studentA)
            let other = try await app.logIn(academy.teacherA)
            let owner = try academy.studentA.requireID()
            func folderID(_ name: String) async throws -> Int {
                try #require(try await app.sql.raw("SELECT id FROM box_folders WHERE account_id = \(bind: owner) AND name = \(bind: name)")
                    .first(decodingColumn: "id", as: Int.self))
            }
            // act
            let created = try await app.submit("porte-documents/dossiers", as: student, fields: [("nom", "Exposés <b>")])
            let exposes = try await folderID("Exposés <b>")
            _ = try await app.submit("porte-documents/dossiers", as: student, fields: [("nom", "Brouillons"), ("parent", String(exposes))])
            let drafts = try await folderID("Brouillons")
            let uploaded = try await app.upload("porte-documents/fichiers?dossier=\(exposes)", as: student,
                                                files: [("fichiers", "../volcans<script>.txt", "Les volcans d'Auvergne\n"),
                                                        ("fichiers", "plan.txt", "1. Introduction\n")])
            let documents = try await app.sql.raw("""
                SELECT id, name FROM box_documents WHERE account_id = \(bind: owner) AND folder_id = \(bind: exposes) ORDER BY name
                """).all()
            let names = try documents.map { try $0.decode(column: "name", as: String.self) }
            let plan = try #require(try documents.first { try $0.decode(column: "name", as: String.self) == "plan.txt" }?
                .decode(column: "id", as: Int.self))
            let listing = try await app.call(.GET, "porte-documents?dossier=\(exposes)", as: student).body.string
            let moved = try await app.submit("porte-documents/fichiers/\(plan)/deplacement", as: student, fields: [("destination", String(drafts))])
            let renamed = try await app.submit("porte-documents/fichiers/\(plan)/nom", as: student, fields: [("nom", "plan détaillé.txt")])
            let intoItself = try await app.submit("porte-documents/dossiers/\(exposes)/deplacement", as: student,
                                                  fields: [("destination", String(drafts))])
            let refusal = try await app.call(.GET, "porte-documents", as: student).body.string
            let twin = try await app.submit("porte-documents/dossiers", as: student, fields: [("nom", "exposés <B>")])
            let twinNotice = try await app.call(.GET, "porte-documents", as: student).body.string
            _ = try await app.upload("porte-documents/fichiers?dossier=\(exposes)", as: student,
                                     files: [("fichiers", "../volcans<script>.txt", "Deuxième version\n")])
            let renamedTwin = try await app.submit("porte-documents/fichiers/\(plan)/nom", as: student, fields: [("nom", "plan détaillé.txt")])
            let download = try await app.call(.GET, "porte-documents/fichiers/\(plan)", as: student)
            let zip = try await app.call(.GET, "porte-documents/zip", as: student)
            let byOther = try await app.call(.GET, "porte-documents/fichiers/\(plan)", as: other)
            let otherListing = try await app.call(.GET, "porte-documents?dossier=\(exposes)", as: other)
            let otherMove = try await app.submit("porte-documents/fichiers/\(plan)/deplacement", as: other, fields: [("destination", "racine")])
            let otherDelete = try await app.submit("porte-documents/dossiers/\(exposes)/suppression", as: other)
            // check
            #expect(created.status == .seeOther && uploaded.status == .seeOther)
            #expect(names == ["plan.txt", "volcans<script>.txt"])
            #expect(listing.contains("volcans&lt;script&gt;.txt") && !listing.contains("volcans<script>"))
            #expect(listing.contains("Exposés &lt;b&gt;") && listing.contains("Brouillons"))
            #expect(moved.status == .seeOther && renamed.status == .seeOther)
            #expect(intoItself.status == .seeOther && refusal.contains("ne peut aller dans lui-même"))
            // the refusal is shown inside the folder's row, where the reader acted
            #expect(refusal.contains("id=\"dossier-\(exposes)\"><p class=\"notice\" role=\"status\">"))
            #expect(twin.status == .seeOther && twinNotice.contains("existe déjà à cet endroit"))
            #expect(renamedTwin.status == .seeOther)
            let secondUpload = try await app.sql.raw("""
                SELECT name FROM box_documents WHERE account_id = \(bind: owner) AND folder_id = \(bind: exposes) ORDER BY id
                """).all(decodingColumn: "name", as: String.self)
            #expect(secondUpload == ["volcans<script>.txt", "volcans<script> (2).txt"])
            #expect(try await app.sql.raw("SELECT parent_id FROM box_folders WHERE id = \(bind: exposes)")
                .first(decodingColumn: "parent_id", as: Int?.self) == .some(nil))
            #expect(download.status == .ok && download.body.string == "1. Introduction\n")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(download.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            let archive = try Archive(data: Data(buffer: zip.body), accessMode: .read)
            #expect(Set(archive.map(\.path)) == ["Exposés _b_/volcans_script_.txt", "Exposés _b_/volcans_script_ (2).txt",
                                                   "Exposés _b_/Brouillons/plan détaillé.txt"])
            #expect(byOther.status == .notFound && otherListing.status == .notFound)
            #expect(otherMove.status == .notFound && otherDelete.status == .notFound)
            #expect(try await app.sql.raw("SELECT folder_id FROM box_documents WHERE id = \(bind: plan)")
                .first(decodingColumn: "folder_id", as: Int.self) == drafts)
        }
    }

    @Test("Deleting a folder asks first, then takes its subfolders and files, and their content leaves the disk")
    func deletion() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let parent = try await app.logIn(academy.parentA)
            let owner = try academy.parentA.requireID()
            _ = try await app.submit("porte-documents/dossiers", as: parent, fields: [("nom", "Factures")])
            let folder = try #require(try await app.sql.raw("SELECT id FROM box_folders WHERE account_id = \(bind: owner) AND name = 'Factures'")
                .first(decodingColumn: "id", as: Int.self))
            _ = try await app.submit("porte-documents/dossiers", as: parent, fields: [("nom", "2026"), ("parent", String(folder))])
            _ = try await app.upload("porte-documents/fichiers?dossier=\(folder)", as: parent,
                                     files: [("fichiers", "cantine.txt", "Cantine de juin : 54 €\n")])
            let sha = try #require(try await app.sql.raw("""
                SELECT f.sha256 FROM box_documents d JOIN files f ON f.id = d.file_id WHERE d.account_id = \(bind: owner)
                """).first(decodingColumn: "sha256", as: String.self))
            let path = FileStore(dataDirectory: app.configuration.dataDirectory).path(of: sha)
            let onDiskBefore = FileManager.default.fileExists(atPath: path)
            // act
            let confirmation = try await app.call(.GET, "porte-documents/dossiers/\(folder)/suppression", as: parent).body.string
            let deleted = try await app.submit("porte-documents/dossiers/\(folder)/suppression", as: parent)
            // check
            #expect(confirmation.contains("1 sous-dossier et 1 fichier"))
            #expect(confirmation.contains("Oui, supprimer"))
            #expect(deleted.status == .seeOther)
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM box_folders WHERE account_id = \(bind: owner)")
                .first(decodingColumn: "n", as: Int.self) == 0)
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM box_documents WHERE account_id = \(bind: owner)")
                .first(decodingColumn: "n", as: Int.self) == 0)
            #expect(onDiskBefore && !FileManager.default.fileExists(atPath: path))
        }
    }
}
