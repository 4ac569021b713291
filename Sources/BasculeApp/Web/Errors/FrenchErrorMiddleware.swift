import BasculeStorage
import Vapor

/// Maps every error to the edge: a JSON body under `/api`, a French page elsewhere.
/// Internal errors never show their details outside development.
struct FrenchErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct APIError: Content {
        let error: Bool
        let status: Int
        let reason: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let reason: String
            // An error's own headers (`Retry-After` of a throttled login) reach the client.
            var headers = HTTPHeaders()
            // Vapor makes a decoding error an abort whose reason names Swift's types: ours first.
            if let decoding = error as? DecodingError {
                status = .badRequest
                reason = decoding.frenchReason
            } else if let abort = error as? any AbortError {
                status = abort.status
                reason = abort.reason
                headers = abort.headers
            } else {
                request.logger.report(error: error)
                status = .internalServerError
                reason = environment.isRelease ? "Erreur interne du serveur." : "\(error)"
            }
            if request.url.path.hasPrefix("/api/") {
                let response = Response(status: status)
                try response.content.encode(APIError(error: true, status: Int(status.code), reason: reason))
                return response.adding(headers)
            }
            if status == .unauthorized {
                return request.redirect(to: "/connexion")
            }
            // A page reached with an id that is not one (`/seances/abc`) does not exist.
            let shown: HTTPResponseStatus = status == .unprocessableEntity && error is Abort ? .notFound : status
            // Vapor's own refusals (an unknown route) carry the English phrase of their status.
            let english = reason == status.reasonPhrase
            let pageReason = switch error {
            case let refusal as ServiceError: refusal.pageReason
            case _ where shown != status || (english && status == .notFound): "Cette page n'existe pas, ou elle ne vous est pas accessible."
            case _ where english: "La demande n'a pas pu être traitée (\(status.code))."
            default: reason
            }
            // Signed in, the error keeps the site's menu: the way on is one click away.
            let viewer = try? request.storage[ViewerMiddleware.ViewerKey.self]?.get()
            return Page.error(status: shown, reason: shown == .internalServerError ? nil : pageReason,
                              context: viewer.map { request.pageContext($0) })
                .response(status: shown).adding(headers)
        }
    }
}

extension Response {
    /// The response with these headers too (an error's `Retry-After`), its own type kept.
    func adding(_ extra: HTTPHeaders) -> Response {
        for (name, value) in extra where name.lowercased() != "content-type" { headers.replaceOrAdd(name: name, value: value) }
        return self
    }
}
