import BasculeDomain
import BasculeStorage
import Foundation
import MultipartKit
import Vapor

/// A form posted with files (`multipart/form-data`), read as it arrives: each file part is
/// written to a temporary file of the store (`FileStore.IncomingWriter`), the text fields are
/// kept in memory up to a few kibibytes each. Nothing is buffered whole; past `maxBytes`, or
/// slower than an upload may be, the form is refused and what was written goes.
struct StreamedForm {
    struct File {
        /// The name the sender's computer gave, printable, without any folder.
        let name: String
        let upload: FileStore.Incoming
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [File] = []

    func first(_ name: String) -> String? { fields[name]?.first }
    func all(_ name: String) -> [String] { fields[name] ?? [] }

    static let fieldLimit = 64 << 10

    /// Whether `req` carries a form with files (else it is URL-encoded, read by `req.content`).
    static func isMultipart(_ req: Request) -> Bool {
        req.headers.contentType?.type == "multipart"
    }

    /// Reads the multipart body of `req`.
    static func receive(_ req: Request, files store: FileStore, fileField: String, maxBytes: Int) async throws -> StreamedForm {
        guard let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"], !boundary.isEmpty
        else { throw Abort(.unsupportedMediaType, reason: "Envoyez ce formulaire depuis la page de Bascule.") }
        final class State {
            var form = StreamedForm()
            var name: String?
            var fileName: String?
            var text = Data()
            var writer: FileStore.IncomingWriter?
            var failure: (any Error)?
        }
        let state = State()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { header, value in
            guard header.lowercased() == "content-disposition",
                  let disposition = HTTPHeaders([("Content-Disposition", value)]).contentDisposition else { return }
            state.name = disposition.name
            state.fileName = disposition.filename
            if disposition.name == fileField, let fileName = disposition.filename, !fileName.isEmpty {
                do { state.writer = try store.startIncoming() } catch { state.failure = error }
            }
        }
        parser.onBody = { chunk in
            if let writer = state.writer {
                do { try writer.append(chunk) } catch { state.failure = error }
            } else if state.name != nil, state.name != fileField {
                guard state.text.count + chunk.readableBytes <= fieldLimit else {
                    state.failure = Abort(.payloadTooLarge, reason: "Un champ du formulaire dépasse \(fieldLimit >> 10)\u{A0}Kio.")
                    return
                }
                state.text.append(contentsOf: chunk.readableBytesView)
            }
        }
        parser.onPartComplete = {
            if let writer = state.writer {
                state.writer = nil
                do {
                    let upload = try writer.finish()
                    if upload.byteCount > 0 {
                        state.form.files.append(File(name: printableName(state.fileName ?? ""), upload: upload))
                    } else {
                        store.discard(upload)
                    }
                } catch { state.failure = error }
            } else if let name = state.name, name != fileField {
                state.form.fields[name, default: []].append(String(decoding: state.text, as: UTF8.self))
            }
            state.name = nil
            state.text = Data()
        }
        do {
            try await parser.execute(req.body, maxBytes: maxBytes,
                                     tooLarge: "Envoi trop volumineux\u{A0}: \(maxBytes >> 20)\u{A0}Mo au plus, fichiers compris.") { state.failure }
        } catch {
            state.writer?.abandon()
            for file in state.form.files { store.discard(file.upload) }
            throw error
        }
        return state.form
    }

    /// A file's name as its sender's system gave it, reduced to its last component and to
    /// printable characters: it is shown and put in a header, never used as a path.
    static func printableName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = AAFZipUpload.printable(last)
        return printable.trimmingCharacters(in: .whitespaces).isEmpty ? "fichier" : printable
    }
}
