import BasculeDomain
import BasculeFormats
import BasculeStorage
import Foundation
import Vapor
import ZIPFoundation

/// `/messagerie/export`: the viewer's whole mailbox as a ZIP of mbox files, one per box and per
/// folder, for anyone who wants to keep it (or take it with them when they leave). Each box is
/// written to a temporary file page by page, then the archive is streamed.
enum MailboxExport {
    static func download(req: Request) async throws -> Response {
        let (_, store) = try MailWebRoutes.store(req)
        let files = req.files
        let folder = URL(fileURLWithPath: req.application.configuration.dataDirectory).appendingPathComponent("tmp")
            .appendingPathComponent("messagerie-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let zip = folder.appendingPathComponent("messagerie.zip")
        do {
            var boxes: [(MailStore.Box, String)] = [(.inbox, "Boîte de réception"), (.archives, "Archives"), (.sent, "Envoyés")]
            boxes += try await store.folders().map { (.folder($0.id), "Dossier " + ArchiveEntryName.make($0.name)) }
            let archive = try Archive(url: zip, accessMode: .create)
            var used = Set<String>()
            for (index, (box, name)) in boxes.enumerated() {
                var entry = "\(name).mbox"
                if used.contains(entry) { entry = "\(name) (\(index)).mbox" }
                used.insert(entry)
                let mbox = folder.appendingPathComponent("\(index).mbox")
                try await write(box, of: store, files: files, to: mbox)
                try archive.addEntry(with: entry, fileURL: mbox, compressionMethod: .deflate)
                try FileManager.default.removeItem(at: mbox)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let response = try await req.fileio.asyncStreamFile(at: zip.path, mediaType: .zip) { _ in
            try? FileManager.default.removeItem(at: folder)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"messagerie-bascule.zip\"")
        return response
    }

    /// One box as an mbox file, 200 messages at a time.
    static func write(_ box: MailStore.Box, of store: MailStore, files: FileStore, to url: URL) async throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let out = FileHandle(forWritingAtPath: url.path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? out.close() }
        let writer = MboxWriter(timeZone: CalendarDate.france.timeZone)
        // The stored instants are France's local time.
        let instants = DateFormatter()
        instants.locale = Locale(identifier: "en_US_POSIX")
        instants.timeZone = CalendarDate.france.timeZone
        instants.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        var after = 0
        while true {
            let page = try await store.export(box, after: after, limit: 200)
            guard let last = page.last else { break }
            for message in page {
                let attachments = message.attachments.compactMap { file in
                    (try? files.read(sha256: file.sha256)).map { MboxWriter.Attachment(name: file.name, mediaType: file.mediaType, content: $0) }
                }
                let entry = writer.entry(MboxWriter.Message(
                    id: message.id, from: person(message.sender), to: message.recipients.map { person($0) },
                    date: instants.date(from: String(message.sentAt.prefix(19))) ?? Date(timeIntervalSince1970: 0), subject: message.subject, body: message.body, attachments: attachments))
                try out.write(contentsOf: Data(entry.utf8))
            }
            after = last.id
        }
    }

    /// People have no e-mail address in the ENT: an address that names their account and
    /// cannot be delivered (`.invalid` is reserved for that).
    static func person(_ who: (id: Int, name: String)?) -> MboxWriter.Person {
        guard let who else { return MboxWriter.Person(name: "Bascule", address: "bascule@ent.invalid") }
        return MboxWriter.Person(name: who.name, address: "compte-\(who.id)@ent.invalid")
    }
}
