import BasculeDomain
import BasculeStorage
import Foundation
import Testing
import Vapor
@testable import BasculeApp

/// Uploaded files are never served as active content, and a refused upload leaves nothing on
/// disk (issue 13, findings 1, 2 and 9).
@Suite("Uploads: types decided from the bytes, files served inert, nothing kept of a refusal")
struct UploadSecurityTests {
    static let html = Array("<html><script>fetch('/console')</script></html>".utf8)

    private func filesOnDisk(_ app: Application) -> [String] {
        let root = FileStore(dataDirectory: app.configuration.dataDirectory).root
        return (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter {
            (try? FileManager.default.attributesOfItem(atPath: root + "/" + $0)[.type] as? FileAttributeType) == .typeRegular
        }
    }

    @Test("A teacher's HTML sent as a student photo is refused; a real image is shown, sandboxed, whatever type it was sent as")
    func photosAreImages() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let path = "api/v1/establishments/\(f.uaiA)/student_photos?student_id=\(f.academy.studentA.id!)&uploaded_on=2025-09-20"
            // act
            let hostile = try await app.call(.POST, path, as: teacher, bytes: Self.html, contentType: .html)
            let photo = try await app.call(.POST, path, as: teacher, bytes: pngHeader, contentType: .html)
            let shown = try await app.call(.GET, "api/v1/establishments/\(f.uaiA)/student_photos/\(photo.id)/content", as: teacher)
            // check
            #expect(hostile.status == .unsupportedMediaType)
            #expect(hostile.body.string.contains("JPEG, PNG ou WebP"))
            #expect(photo.status == .created)
            #expect(shown.headers.contentType == .png)
            #expect(shown.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(shown.headers.first(name: "Content-Security-Policy")?.hasPrefix("sandbox") == true)
            #expect(shown.headers.first(name: .contentDisposition)?.hasPrefix("inline") == true)
        }
    }

    @Test("A document is always a sandboxed download, never the type the client sent")
    func documentsAreDownloads() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            // act
            let sent = try await app.call(.POST, "api/v1/me/box_documents?name=exposé<x>.html&added_on=2025-11-02", as: student,
                                          bytes: Self.html, contentType: .html)
            let served = try await app.call(.GET, "api/v1/me/box_documents/\(sent.id)/content", as: student)
            // check
            #expect(sent.status == .created)
            #expect(served.headers.contentType == .binary)
            #expect(served.headers.first(name: .contentDisposition) == "attachment; filename=\"exposex.html\"; filename*=UTF-8''expos%C3%A9%3Cx%3E%2Ehtml")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(served.headers.first(name: "Content-Security-Policy") == "sandbox; default-src 'none'")
            #expect(try await app.sql.raw("SELECT media_type FROM files").first(decodingColumn: "media_type", as: String.self)
                    == "application/octet-stream")
        }
    }

    @Test("An upload its sender may not make is refused before its body is read, and leaves nothing on disk")
    func refusedUploadsLeaveNothing() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let path = "api/v1/establishments/\(f.uaiA)/student_photos?student_id=\(f.academy.studentA.id!)&uploaded_on=2025-09-20"
            let big = [UInt8](repeating: 0x41, count: 21 * 1_048_576)
            // act
            let refused = try await app.call(.POST, path, as: student, bytes: pngHeader)
            let refusedBig = try await app.call(.POST, path, as: student, bytes: big)
            let anonymous = try await app.call(.POST, path, as: HTTPHeaders(), bytes: pngHeader)
            let tooBig = try await app.call(.POST, "api/v1/me/box_documents?name=gros.bin&added_on=2025-11-02", as: student, bytes: big)
            // check
            #expect(refused.status == .forbidden && refusedBig.status == .forbidden, "checked before the body is read")
            #expect(anonymous.status == .unauthorized)
            #expect(tooBig.status == .payloadTooLarge)
            #expect(filesOnDisk(app).isEmpty, "\(filesOnDisk(app))")
            #expect(try await app.sql.raw("SELECT COUNT(*) AS n FROM files").first(decodingColumn: "n", as: Int.self) == 0)
        }
    }

    @Test("The sweep removes the contents no row refers to and the stale uploads, and keeps the others")
    func sweep() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let student = try await app.logIn(f.academy.studentA)
            let kept = try await app.call(.POST, "api/v1/me/box_documents?name=a.txt&added_on=2025-11-02", as: student, bytes: Array("gardé".utf8))
            let store = FileStore(dataDirectory: app.configuration.dataDirectory)
            let orphan = Array("orphelin".utf8)
            try store.writeBlob(orphan, sha256: FileStore.sha256(of: orphan))
            let stale = store.root + "/.incoming/interrompu"
            try Data("moitié".utf8).write(to: URL(fileURLWithPath: stale))
            // act
            let early = try await store.sweep(on: app.db, now: Date())
            let later = try await store.sweep(on: app.db, now: Date().addingTimeInterval(7200))
            // check
            #expect(kept.status == .created)
            #expect(early == .init(orphans: 0, unfinished: 0), "nothing younger than the grace period goes")
            #expect(later == .init(orphans: 1, unfinished: 1))
            #expect(!FileManager.default.fileExists(atPath: store.path(of: FileStore.sha256(of: orphan))))
            #expect(FileManager.default.fileExists(atPath: store.path(of: FileStore.sha256(of: Array("gardé".utf8)))))
        }
    }

    @Test("A body that trickles in slower than the pace is refused, and its temporary file removed")
    func trickledUploadRefused() async throws {
        // setup
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pace-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = FileStore(dataDirectory: root)
        let pace = UploadPace(grace: .seconds(2), minimumBytesPerSecond: 2_000)
        // the whole body already there: read within the grace, however loaded the machine
        let whole = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 400)))
            continuation.finish()
        }
        // 80 bytes a second, well past the grace
        let trickle = AsyncStream<ByteBuffer> { continuation in
            Task {
                for _ in 0..<5 {
                    continuation.yield(ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 80)))
                    try? await Task.sleep(for: .seconds(1))
                }
                continuation.finish()
            }
        }
        // act
        let fast = try await store.receive(whole, maxBytes: 1_000, pace: pace)
        await #expect(throws: ServiceError.tooSlow) {
            _ = try await store.receive(trickle, maxBytes: 1_000, pace: pace)
        }
        // check
        #expect(fast.byteCount == 400)
        let left = try FileManager.default.contentsOfDirectory(atPath: (fast.path as NSString).deletingLastPathComponent)
        #expect(left == [(fast.path as NSString).lastPathComponent])
        #expect(ServiceError.tooSlow.status == .requestTimeout)
    }
}
