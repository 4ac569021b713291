import Testing
import Vapor
@testable import BasculeApp

/// A write from a browser is Bascule's own only if its `Origin` has Bascule's scheme, host and
/// port: a page served over plain http under the same name (a hostile hotspot) is another site.
@Suite("Same origin: scheme, host and port")
struct OriginSchemeTests {
    func logOut(_ app: Application, origin: String, host: String? = nil) async throws -> HTTPStatus {
        var headers = HTTPHeaders()
        headers.add(name: .origin, value: origin)
        if let host { headers.replaceOrAdd(name: .host, value: host) }
        return try await app.call(.DELETE, "api/v1/session", as: headers).status
    }

    @Test("With BASCULE_PUBLIC_URL, only its exact origin may post: another scheme or port is refused")
    func publicURL() async throws {
        try await withTestApp(settings: ["BASCULE_PUBLIC_URL": "https://ent.example.fr/"]) { app in
            // act
            let same = try await logOut(app, origin: "https://ent.example.fr")
            let samePort = try await logOut(app, origin: "https://ent.example.fr:443")
            let plain = try await logOut(app, origin: "http://ent.example.fr", host: "ent.example.fr")
            let otherPort = try await logOut(app, origin: "https://ent.example.fr:8443")
            // check
            #expect(same == .noContent && samePort == .noContent)
            #expect(plain == .forbidden && otherPort == .forbidden)
        }
    }

    @Test("Without it, the Host header and the server's own scheme: https from a plain-http server is refused")
    func hostAndScheme() async throws {
        try await withTestApp { app in
            // act
            let same = try await logOut(app, origin: "http://localhost:8080", host: "localhost:8080")
            let otherScheme = try await logOut(app, origin: "https://localhost:8080", host: "localhost:8080")
            let otherHost = try await logOut(app, origin: "http://evil.example:8080", host: "localhost:8080")
            // check
            #expect(same == .noContent)
            #expect(otherScheme == .forbidden && otherHost == .forbidden)
        }
    }
}
