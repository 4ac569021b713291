import BasculeDomain
import Foundation
import MultipartKit
import Vapor

extension AAFZipUpload {
    /// What the upload form sent: the token (the page's), the archive's name (shown in
    /// sentences only), and how many bytes of it were written.
    struct Received {
        var token: String?
        var fileName = "archive.zip"
        var bytes = 0
    }

    /// Streams the upload form's body: the `export` part to `zip` as it arrives, the token's in
    /// memory (a few bytes kept at most), the rest dropped. Refused beyond `maxBytes`, or slower
    /// than an upload may be (`UploadPace`).
    static func receive(_ req: Request, to zip: URL) async throws -> Received {
        guard let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"],
              !boundary.isEmpty else { throw Abort(.unsupportedMediaType, reason: "Envoyez l'archive par le formulaire de la page.") }
        guard FileManager.default.createFile(atPath: zip.path, contents: nil), let out = FileHandle(forWritingAtPath: zip.path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? out.close() }
        /// The parser's callbacks share what they found through it, within this call.
        final class Parts {
            var current: String?
            var received = Received()
            var token = Data()
            var failure: (any Error)?
        }
        let parts = Parts()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition",
                  let disposition = HTTPHeaders([("Content-Disposition", value)]).contentDisposition else { return }
            parts.current = disposition.name
            if disposition.name == "export", let name = disposition.filename { parts.received.fileName = printable(name) }
        }
        parser.onBody = { chunk in
            switch parts.current {
            case "export":
                parts.received.bytes += chunk.readableBytes
                do { try out.write(contentsOf: chunk.readableBytesView) } catch { parts.failure = error }
            case CSRF.field where parts.token.count < 512:
                parts.token.append(contentsOf: chunk.readableBytesView)
            default: break
            }
        }
        parser.onPartComplete = {
            if parts.current == CSRF.field { parts.received.token = String(decoding: parts.token, as: UTF8.self) }
            parts.current = nil
        }
        try await parser.execute(req.body, maxBytes: maxBytes,
                                 tooLarge: "Archive trop volumineuse (\(maxBytes >> 20)\u{A0}Mio au plus)\u{A0}: déposez cet export dans la boîte de dépôt.") { parts.failure }
        return parts.received
    }
}
