import BasculeStorage
import Vapor

/// The headers every response carries, so that no page can be framed, run a script it did not
/// come with, or be sniffed into another type: a strict content security policy (no inline
/// script, styles from Bascule's own stylesheet), `nosniff`, `Referrer-Policy: same-origin`,
/// and `no-store` on what a signed-in person is served (a shared computer's back button or
/// cache must not show it to the next pupil). A response that sets its own policy (a stored
/// file is sandboxed) keeps it. HSTS is the TLS proxy's (README).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let pagePolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.pagePolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if request.auth.has(Account.self) || request.session.id != nil, !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
