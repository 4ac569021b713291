import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The operator's upload of an export as a ZIP: a dry run, then the import; and every hostile
/// or mistaken archive refused with its sentence, the database untouched.
@Suite("AAF export uploaded as a ZIP")
struct ImportUploadTests {
    /// Posts `zip` as the upload form does (multipart, with the session's token).
    private func upload(_ zip: Data, named name: String = "export.zip", _ app: Application, as headers: HTTPHeaders,
                        token: String? = nil) async throws -> TestResponse {
        let boundary = "bascule-\(UUID().uuidString)"
        let token = if let token { token } else { try await app.csrfToken(as: headers) }
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"export\"; filename=\"\(name)\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
        body += zip + Data("\r\n--\(boundary)--\r\n".utf8)
        return try await app.call(.POST, "console/imports/envoi", as: headers, bytes: [UInt8](body),
                                  contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    /// The refusal's status and page, and whether the database and the uploads' folder are as before.
    private func refusal(of zip: Data, named name: String = "export.zip") async throws -> (status: HTTPStatus, page: String, unchanged: Bool) {
        var result: (HTTPStatus, String, Bool) = (.imATeapot, "", false)
        try await withTestApp { app in
            let academy = try await TestAcademy.make(app)
            let operatorSession = try await app.logIn(academy.operatorAccount)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            let response = try await upload(zip, named: name, app, as: operatorSession)
            let uploads = (app.configuration.dataDirectory as NSString).appendingPathComponent("aaf-envois")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []
            result = (response.status, response.body.string,
                      try await DatabaseChecksum.compute(on: app.sql).overall == before && left.isEmpty)
        }
        return result
    }

    @Test("An export's ZIP: the dry run's report first, nothing written; then applied")
    func dryRunThenApply() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let session = try await app.logIn(academy.operatorAccount)
            let zip = try Delivered.zip(try Delivered.entries("sample-2024", as: "20240916", under: "export/")
                                        + [("export/ficAlimMENESR.dtd", Data("<!ELEMENT x ANY>".utf8))])
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            // act
            let dryRun = try await upload(zip, app, as: session)
            let afterDryRun = try await DatabaseChecksum.compute(on: app.sql).overall
            let action = try #require(dryRun.body.string.firstMatch(of: /action="(\/console\/imports\/envoi\/[0-9a-f-]+\/application)"/)).1
            let applied = try await app.submit(String(action.dropFirst()), as: session)
            let history = try await app.call(.GET, "console/imports", as: session)
            // check
            #expect(dryRun.status == .ok)
            #expect(dryRun.body.string.contains("Rien n&apos;a encore été écrit") || dryRun.body.string.contains("Rien n'a encore été écrit"))
            #expect(dryRun.body.string.contains("export/ficAlimMENESR.dtd"), "the DTD is listed as ignored")
            #expect(afterDryRun == before)
            #expect(applied.status == .seeOther)
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall != before)
            #expect(history.body.string.contains("simulation, rien n&apos;a été écrit") || history.body.string.contains("simulation, rien n'a été écrit"))
            #expect(try await app.sql.raw("SELECT state FROM import_runs ORDER BY id").all(decodingColumn: "state", as: String.self)
                    == ["dry_run", "applied"])
        }
    }

    /// Uploads fixture `name` dated `day`; the dry run's "apply" action.
    private func dryRun(_ name: String, as day: String, _ app: Application, as session: HTTPHeaders) async throws -> String {
        let page = try await upload(try Delivered.zip(try Delivered.entries(name, as: day)), app, as: session).body.string
        return String(try #require(page.firstMatch(of: /action="\/(console\/imports\/envoi\/[0-9a-f-]+\/application)"/)).1)
    }

    @Test("An uploaded export that would mark too many people as left is held, then imported once confirmed")
    func heldUpload() async throws {
        try await withTestApp { app in
            // setup: three people, then an export without one of them
            let academy = try await TestAcademy.make(app)
            let session = try await app.logIn(academy.operatorAccount)
            _ = try await app.submit(try await dryRun("sample-2024-next", as: "20240916", app, as: session), as: session)
            let action = try await dryRun("sample-2024", as: "20240917", app, as: session)
            // act
            let held = try await app.submit(action, as: session)
            let confirmed = try await app.submit(action, as: session, fields: [("departs", "confirmes")])
            // check
            #expect(held.status == .ok)
            #expect(held.body.string.contains("Confirmer les départs et importer"))
            #expect(confirmed.status == .seeOther)
            let state = try await app.sql.raw("SELECT state FROM accounts WHERE jointure = '314161'").first(decodingColumn: "state", as: String.self)
            #expect(state == "left")
            #expect(try await app.sql.raw("SELECT state FROM import_runs ORDER BY id").all(decodingColumn: "state", as: String.self)
                    == ["dry_run", "applied", "dry_run", "held", "applied"])
        }
    }

    @Test("An upload without the page's token is refused, and nothing of it is kept")
    func forgedUpload() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let session = try await app.logIn(academy.operatorAccount)
            let zip = try Delivered.zip(try Delivered.entries("sample-2024", as: "20240916"))
            // act
            let response = try await upload(zip, app, as: session, token: "faux")
            // check
            #expect(response.status == .forbidden)
            let uploads = (app.configuration.dataDirectory as NSString).appendingPathComponent("aaf-envois")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
            #expect(try await app.sql.raw("SELECT id FROM import_runs").all().isEmpty)
        }
    }

    @Test("Entries that leave the archive's folder, or links, refuse it", arguments: [
        ("../ENT_Complet_20240916_EtabEducNat_0000.xml", "sort du dossier de l'archive"),
        ("/etc/ENT_Complet_20240916_EtabEducNat_0000.xml", "sort du dossier de l'archive"),
        ("export/../../ENT_Complet_20240916_EtabEducNat_0000.xml", "sort du dossier de l'archive"),
    ])
    func pathEscape(path: String, reason: String) async throws {
        // setup
        let zip = try Delivered.zip([(path, Data("<ficAlimMENESR/>".utf8))])
        // act
        let (status, page, unchanged) = try await refusal(of: zip, named: "envoi<b>.zip")
        // check
        #expect(status == .unprocessableEntity)
        #expect(page.contains("«\u{A0}envoi&lt;b&gt;.zip\u{A0}»\u{A0}: le chemin"), "\(page)")
        #expect(page.contains(reason.replacingOccurrences(of: "'", with: "&apos;")) || page.contains(reason))
        #expect(unchanged)
    }

    @Test("A symbolic link in the archive refuses it")
    func symlink() async throws {
        // setup
        let zip = try Delivered.zip(try Delivered.entries("sample-2024", as: "20240916"),
                                    links: [("ENT_Complet_20240916_Eleve_0000.xml", "/etc/passwd")])
        // act
        let (status, page, unchanged) = try await refusal(of: zip)
        // check
        #expect(status == .unprocessableEntity)
        #expect(page.contains("est un lien symbolique"), "\(page)")
        #expect(unchanged)
    }

    @Test("A ZIP bomb is refused while it inflates")
    func bomb() async throws {
        // setup: 64 MiB of spaces, a few dozen kilobytes once deflated
        let zip = try Delivered.zip([("ENT_Complet_20240916_PersEducNat_0000.xml", Data(repeating: 0x20, count: 64 << 20))])
        // act
        let (status, page, unchanged) = try await refusal(of: zip)
        // check
        #expect(zip.count < 1 << 20)
        #expect(status == .unprocessableEntity)
        #expect(page.contains("bombe ZIP"), "\(page)")
        #expect(unchanged)
    }

    @Test("An archive of two export dates is refused")
    func twoDates() async throws {
        // setup
        let zip = try Delivered.zip(try Delivered.entries("sample-2024", as: "20240916")
                                    + Delivered.entries("sample-2024", as: "20240917", under: "suite/"))
        // act
        let (status, page, unchanged) = try await refusal(of: zip)
        // check
        #expect(status == .unprocessableEntity)
        #expect(page.contains("l&apos;archive mêle des exports de plusieurs dates (16/09/2024, 17/09/2024)")
                || page.contains("l'archive mêle des exports de plusieurs dates (16/09/2024, 17/09/2024)"), "\(page)")
        #expect(unchanged)
    }

    @Test("A delta before any full import of its year is refused")
    func deltaFirst() async throws {
        // setup
        let folder = try Delivered.newFolder()
        try Delivered.delta(deleting: "123", as: "20240920", into: folder)
        let zip = try Delivered.zip([("ENT_Delta_20240920_Eleve_0000.xml",
                                      try Data(contentsOf: URL(fileURLWithPath: "\(folder)/ENT_Delta_20240920_Eleve_0000.xml")))])
        // act
        let (status, page, unchanged) = try await refusal(of: zip)
        // check
        #expect(status == .unprocessableEntity)
        #expect(page.contains("«\u{A0}ENT_Delta_20240920_Eleve_0000.xml\u{A0}»\u{A0}: export Delta du 20/09/2024 arrivé avant tout import Complet"), "\(page)")
        #expect(unchanged)
    }
}
