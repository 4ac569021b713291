import BasculeStorage
import Vapor

extension Request {
    /// Where the stored files are, for the uploads that add one and the deletions that let go of one.
    var files: FileStore { FileStore(dataDirectory: application.configuration.dataDirectory) }

    /// A stored file as every page serves one: streamed from disk, a sandboxed download under
    /// the name its sender gave it, never shown as active content.
    func sandboxedDownload(sha256: String, name: String) async throws -> Response {
        ServiceAPI.sandboxed(try await fileio.asyncStreamFile(at: files.path(of: sha256)), name: name, asImage: false)
    }
}
