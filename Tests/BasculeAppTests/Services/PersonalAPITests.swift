import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Personal services API: one's own data only; files leave the disk with their last reference")
struct PersonalAPITests {
    @Test("Preferences and calendar belong to their owner: nobody else lists or reads them, not even the operator")
    func ownDataOnly() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let admin = try await app.logIn(f.academy.adminA)
            let operatorHeaders = try await app.logIn(f.academy.operatorAccount)
            // act
            let preference = try await app.call(.POST, "api/v1/me/preferences", as: student, json: [
                "account_id": f.id(f.academy.adminA), "key": .text("theme"), "value": .text("sombre")])
            let event = try await app.call(.POST, "api/v1/me/calendar_events", as: student, json: [
                "title": .text("Dentiste"), "starts_at": .text("2025-10-08T14:00:00"), "ends_at": .text("2025-10-08T15:00:00")])
            let listedByOwner = try await app.call(.GET, "api/v1/me/preferences", as: student)
            let listedByAdmin = try await app.call(.GET, "api/v1/me/preferences", as: admin)
            let readByAdmin = try await app.call(.GET, "api/v1/me/preferences/\(preference.id)", as: admin)
            let readByOperator = try await app.call(.GET, "api/v1/me/calendar_events/\(event.id)", as: operatorHeaders)
            let throughEstablishment = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/preferences", as: admin)
            let anonymous = try await app.call(.GET, "api/v1/me/preferences", as: HTTPHeaders())
            // check
            #expect(preference.status == .created && preference.record["account_id"] == f.id(f.academy.studentA))
            #expect(event.status == .created)
            #expect(listedByOwner.page.map(\.["value"]) == [.text("sombre")])
            #expect(listedByAdmin.status == .ok && listedByAdmin.page.isEmpty)
            #expect(readByAdmin.status == .notFound)
            #expect(readByOperator.status == .notFound)
            #expect(throughEstablishment.status == .notFound)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("Document box: a file shared by two people stays on disk until both documents are deleted")
    func documentBoxFiles() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let teacher = try await app.logIn(f.academy.teacherA)
            let bytes = Array("Exposé sur les volcans".utf8)
            let store = FileStore(dataDirectory: app.configuration.dataDirectory)
            let onDisk = store.path(of: FileStore.sha256(of: bytes))
            // act
            let mine = try await app.call(.POST, "api/v1/me/box_documents?name=volcans.txt&added_on=2025-11-02", as: student, bytes: bytes)
            let theirs = try await app.call(.POST, "api/v1/me/box_documents?name=copie.txt&added_on=2025-11-03", as: teacher, bytes: bytes)
            let stolen = try await app.call(.GET, "api/v1/me/box_documents/\(mine.id)/content", as: teacher)
            let ownDownload = try await app.call(.GET, "api/v1/me/box_documents/\(mine.id)/content", as: student)
            let deleteMine = try await app.call(.DELETE, "api/v1/me/box_documents/\(mine.id)", as: student)
            let afterFirst = FileManager.default.fileExists(atPath: onDisk)
            let deleteTheirs = try await app.call(.DELETE, "api/v1/me/box_documents/\(theirs.id)", as: teacher)
            let afterBoth = FileManager.default.fileExists(atPath: onDisk)
            let rows = try await app.sql.select().column("id").from("files").all().count
            // check
            #expect(mine.status == .created && theirs.status == .created)
            #expect(mine.record["file_id"] == theirs.record["file_id"])
            #expect(stolen.status == .notFound)
            #expect(ownDownload.body.string == "Exposé sur les volcans")
            #expect(ownDownload.status == .ok)
            #expect(deleteMine.status == .noContent && afterFirst)
            #expect(deleteTheirs.status == .noContent && !afterBoth)
            #expect(rows == 0)
        }
    }
}
