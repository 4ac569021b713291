import BasculeDomain
import MultipartKit
import Vapor

extension MultipartParser {
    /// Feeds a request's body to the parser as it arrives, refusing it past `maxBytes`
    /// (`tooLarge` says why, in French) or slower than an upload may be (`UploadPace`). After each
    /// chunk, `failure` reports what the parser's callbacks could not throw themselves. A body
    /// that is not well-formed multipart is the sender's error (400), not the server's.
    func execute(_ body: Request.Body, maxBytes: Int, tooLarge: String, failure: () -> (any Error)?) async throws {
        let start = ContinuousClock.now
        var total = 0
        for try await chunk in body {
            total += chunk.readableBytes
            guard total <= maxBytes else { throw Abort(.payloadTooLarge, reason: tooLarge) }
            if UploadPace.standard.isTooSlow(bytes: total, after: ContinuousClock.now - start) {
                throw Abort(.requestTimeout, reason: "Envoi trop lent\u{A0}: réessayez avec une meilleure connexion.")
            }
            do {
                try execute(chunk)
            } catch {
                throw Abort(.badRequest, reason: "Formulaire illisible (corps multipart mal formé)\u{A0}: envoyez-le depuis la page de Bascule.")
            }
            if let failure = failure() { throw failure }
        }
    }
}
