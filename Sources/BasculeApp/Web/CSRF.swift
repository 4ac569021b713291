import Plot
import Vapor

/// Cross-site request forgery: every form a signed-in person posts carries a token kept in
/// their session (which lives in the database, so any instance checks it). A page of another
/// site cannot read it, so it cannot make the browser post a valid form.
enum CSRF {
    static let field = "_csrf"
    private static let key = "csrf"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        if let token = req.session.data[key] { return token }
        let token = Data([UInt8].random(count: 32)).base64EncodedString()
        req.session.data[key] = token
        return token
    }

    /// Refuses a posted form whose token is missing or is not the session's.
    static func check(_ req: Request) throws {
        try check(req, sent: try? req.content.get(String.self, at: field))
    }

    /// Refuses a token that is not the session's (`sent`: read off a body the handler parsed itself).
    static func check(_ req: Request, sent: String?) throws {
        guard let expected = req.session.data[key], let sent,
              Data(sent.utf8).withUnsafeBytes({ a in Data(expected.utf8).withUnsafeBytes { b in safeCompare(a, b) } })
        else {
            throw Abort(.forbidden, reason: "Ce formulaire a expiré ou ne vient pas de Bascule. Rechargez la page et recommencez.")
        }
    }

    /// The hidden field of a form.
    static func input(_ token: String) -> Component {
        Input(type: .hidden, name: field, value: token)
    }

    private static func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Checks the token of every form posted to the routes it guards.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST { try CSRF.check(request) }
        return try await next.respond(to: request)
    }
}

/// Refuses any write a browser sends from another site (`Sec-Fetch-Site`, or an `Origin` that
/// is not Bascule's own): the JSON API's defence against forged requests, since its clients
/// carry no form token. Programs that are not browsers send neither header and are not
/// concerned. The origin is scheme, host and port: a page served over plain http on the same
/// host (a hostile hotspot can serve one) is another site.
struct SameOriginMiddleware: AsyncMiddleware {
    /// `BASCULE_PUBLIC_URL`'s origin; without it, the Host header and the scheme this server speaks.
    let publicOrigin: PublicOrigin?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET, request.method != .HEAD, !Self.isSameOrigin(request, publicOrigin: publicOrigin) {
            throw Abort(.forbidden, reason: "Requête venue d'un autre site\u{A0}: refusée.")
        }
        return try await next.respond(to: request)
    }

    static func isSameOrigin(_ request: Request, publicOrigin: PublicOrigin?) -> Bool {
        if let site = request.headers.first(name: "Sec-Fetch-Site"), site != "same-origin", site != "none" { return false }
        guard let origin = request.headers.first(name: .origin) else { return true }
        guard let sent = PublicOrigin(origin) else { return false }
        if let publicOrigin { return sent == publicOrigin }
        let scheme = request.application.http.server.configuration.tlsConfiguration == nil ? "http" : "https"
        guard let host = request.headers.first(name: .host), let own = PublicOrigin("\(scheme)://\(host)") else { return false }
        return sent == own
    }
}
