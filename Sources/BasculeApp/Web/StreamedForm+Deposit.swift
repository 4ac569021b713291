import BasculeStorage
import Vapor

extension StreamedForm {
    /// What became of the files of a form that deposits them.
    enum Deposit {
        case noFile
        case stored(Int)
        /// The file `name` was refused (a page-worthy reason); `stored` files went in before it.
        case refused(name: String, reason: ServiceError, stored: Int)
        /// The sending was refused whole (too large, too slow): nothing was stored.
        case tooLarge(String)
    }

    /// Receives a form of files (field `fichiers`) — the caller has checked who may deposit
    /// before the body is read —, checks its token, then hands each file to `store` in turn,
    /// with the form's other fields. On the first refusal, the files not yet stored leave the disk.
    static func deposit(_ req: Request, maxBytes: Int,
                        store: (StreamedForm, File) async throws -> Void) async throws -> (form: StreamedForm, deposit: Deposit) {
        let files = req.files
        let form: StreamedForm
        do {
            form = try await receive(req, files: files, fileField: "fichiers", maxBytes: maxBytes)
        } catch let refusal as Abort where refusal.status == .payloadTooLarge || refusal.status == .requestTimeout {
            return (StreamedForm(), .tooLarge(refusal.reason))
        }
        do {
            try CSRF.check(req, sent: form.first(CSRF.field))
        } catch {
            for file in form.files { files.discard(file.upload) }
            throw error
        }
        guard !form.files.isEmpty else { return (form, .noFile) }
        for (index, file) in form.files.enumerated() {
            do {
                try await store(form, file)
            } catch {
                for rest in form.files.dropFirst(index + 1) { files.discard(rest.upload) }
                if let refusal = error as? ServiceError, [.badRequest, .unsupportedMediaType].contains(refusal.status) {
                    return (form, .refused(name: file.name, reason: refusal, stored: index))
                }
                throw error
            }
        }
        return (form, .stored(form.files.count))
    }
}
