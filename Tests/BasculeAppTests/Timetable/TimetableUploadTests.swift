import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// An administrator's upload of the real EDT export from the establishment's pages: tried first,
/// applied from the report; a file of another establishment or an envelope without a key refused.
@Suite("Timetable file uploaded from the establishment's pages")
struct TimetableUploadTests {
    /// The real clear export, moved to the test year (`RealEDTSample.text`), for `uai` or its own.
    static func realExport(uai: String?) throws -> Data {
        let text = try RealEDTSample.text()
        return Data((uai.map { text.replacingOccurrences(of: "UAI=\"0134567A\"", with: "UAI=\"\($0)\"") } ?? text).utf8)
    }

    static func envelope() throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/timetable/edt/edt-2013-2014-encrypted.xml")
        return try Data(contentsOf: url)
    }

    private func upload(_ file: Data, named name: String = "export-edt.xml", to uai: String, _ app: Application,
                        as headers: HTTPHeaders) async throws -> TestResponse {
        let boundary = "bascule-\(UUID().uuidString)"
        let token = try await app.csrfToken(as: headers)
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"export\"; filename=\"\(name)\"\r\nContent-Type: text/xml\r\n\r\n".utf8)
        body += file + Data("\r\n--\(boundary)--\r\n".utf8)
        return try await app.call(.POST, "etablissements/\(uai)/emploi-du-temps/import", as: headers, bytes: [UInt8](body),
                                  contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    private func courses(_ app: Application) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM timetable_courses").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    private func leftUploads(_ app: Application) -> [String] {
        let folder = (app.configuration.dataDirectory as NSString).appendingPathComponent("edt-envois")
        return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    @Test("The real EDT export: the dry run's report with nothing written, then applied and its report shown")
    func dryRunThenApply() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.description
            let admin = try await app.logIn(academy.adminA)
            // act
            let form = try await app.call(.GET, "etablissements/\(uai)/emploi-du-temps/import", as: admin)
            let dryRun = try await upload(try Self.realExport(uai: uai), to: uai, app, as: admin)
            let afterDryRun = try await courses(app)
            let action = try #require(dryRun.body.string.firstMatch(of: /action="\/(etablissements\/[^"]+\/emploi-du-temps\/import\/[0-9a-f-]+\/application)"/)).1
            let applied = try await app.submit(String(action), as: admin)
            let afterApply = try await courses(app)
            let report = try await app.call(.GET, String(applied.headers.first(name: .location)?.dropFirst() ?? ""), as: admin)
            // check
            #expect(form.status == .ok)
            #expect(form.body.string.contains("multipart/form-data"))
            #expect(dryRun.status == .ok)
            #expect(dryRun.body.string.contains("EDT / PRONOTE"))
            #expect(dryRun.body.string.contains("rien n&apos;a été écrit") || dryRun.body.string.contains("rien n'a été écrit"))
            #expect(afterDryRun == 0)
            #expect(applied.status == .seeOther)
            #expect(afterApply > 0)
            #expect(report.status == .ok)
            #expect(report.body.string.contains("Import appliqué."))
            #expect(leftUploads(app).isEmpty, "the applied upload is removed")
        }
    }

    @Test("A file of another UAI, an envelope with no key configured: refused with the reason, nothing written or kept")
    func refusals() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.description
            let admin = try await app.logIn(academy.adminA)
            let teacher = try await app.logIn(academy.teacherA)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            // act
            let otherUAI = try await upload(try Self.realExport(uai: nil), to: uai, app, as: admin)
            let envelope = try await upload(try Self.envelope(), to: uai, app, as: admin)
            let byTeacher = try await upload(try Self.realExport(uai: uai), to: uai, app, as: teacher)
            // check
            #expect(otherUAI.status == .unprocessableEntity)
            #expect(otherUAI.body.string.contains("0134567A"))
            #expect(envelope.status == .unprocessableEntity)
            #expect(envelope.body.string.contains("aucune clé de partenaire n") )
            #expect(byTeacher.status == .forbidden)
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
            #expect(leftUploads(app).isEmpty)
        }
    }

    @Test("An upload is applied only from the establishment it was sent for: another administrator's try is not found, and leaves it")
    func uploadBelongsToItsEstablishment() async throws {
        try await withTestApp { app in
            // setup: the operator uploads establishment B's file
            let academy = try await TestAcademy.make(app)
            let uaiA = academy.establishmentA.uai.description, uaiB = academy.establishmentB.uai.description
            let operatorSession = try await app.logIn(academy.operatorAccount)
            let admin = try await app.logIn(academy.adminA)
            let dryRun = try await upload(try Self.realExport(uai: uaiB), to: uaiB, app, as: operatorSession)
            let id = String(try #require(dryRun.body.string.firstMatch(of: /emploi-du-temps\/import\/([0-9a-f-]+)\/application/)).1)
            // act
            let intruder = try await app.submit("etablissements/\(uaiA)/emploi-du-temps/import/\(id)/application", as: admin)
            let owner = try await app.submit("etablissements/\(uaiB)/emploi-du-temps/import/\(id)/application", as: operatorSession)
            // check
            #expect(intruder.status == .notFound)
            #expect(owner.status == .seeOther)
            #expect(try await courses(app) > 0)
        }
    }
}
