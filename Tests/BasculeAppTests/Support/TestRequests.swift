import BasculeStorage
import NIOCore
import Vapor
import VaporTesting
@testable import BasculeApp

/// A response of the test application, decoded on demand.
struct TestResponse {
    let status: HTTPStatus
    let body: ByteBuffer
    var headers = HTTPHeaders()

    var record: ServiceRecord { (try? JSONDecoder().decode(ServiceRecord.self, from: body)) ?? [:] }
    var page: [ServiceRecord] { (try? JSONDecoder().decode(ServiceStore.Page.self, from: body))?.items ?? [] }
    var id: Int { record["id"]?.int ?? -1 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
}

extension Application {
    /// A request as a signed-in person, with a JSON body or raw bytes.
    func call(_ method: HTTPMethod, _ path: String, as headers: HTTPHeaders, json: ServiceRecord? = nil,
              encodable: (any Content)? = nil, bytes: [UInt8]? = nil,
              contentType: HTTPMediaType = .plainText) async throws -> TestResponse {
        var result = TestResponse(status: .imATeapot, body: ByteBuffer())
        try await testing().test(method, path, headers: headers, beforeRequest: { req in
            if let json { try req.content.encode(json) }
            if let encodable { try req.content.encode(encodable, using: JSONEncoder()) }
            if let bytes {
                req.body = ByteBuffer(bytes: bytes)
                req.headers.contentType = contentType
            }
        }, afterResponse: { res in
            result = TestResponse(status: res.status, body: res.body, headers: res.headers)
        })
        return result
    }

    /// Posts a form as a browser does: URL-encoded fields and the session's anti-forgery token
    /// (read off the home page, as a browser reads it off the page it posts from).
    func submit(_ path: String, as headers: HTTPHeaders, fields: [(String, String)] = [],
                withToken: Bool = true) async throws -> TestResponse {
        var fields = fields
        if withToken { fields.append(("_csrf", try await csrfToken(as: headers))) }
        var result = TestResponse(status: .imATeapot, body: ByteBuffer())
        try await testing().test(.POST, path, headers: headers, beforeRequest: { req in
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&"))
        }, afterResponse: { res in
            result = TestResponse(status: res.status, body: res.body, headers: res.headers)
        })
        return result
    }

    /// Posts a form with files as a browser does (`multipart/form-data`), with the session's
    /// anti-forgery token.
    func upload(_ path: String, as headers: HTTPHeaders, fields: [(String, String)] = [],
                files: [(field: String, name: String, content: String)]) async throws -> TestResponse {
        let boundary = "----bascule-test-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields + [("_csrf", try await csrfToken(as: headers))] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for file in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var result = TestResponse(status: .imATeapot, body: ByteBuffer())
        try await testing().test(.POST, path, headers: headers, beforeRequest: { req in
            req.headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
            req.body = ByteBuffer(string: body)
        }, afterResponse: { res in
            result = TestResponse(status: res.status, body: res.body, headers: res.headers)
        })
        return result
    }

    func csrfToken(as headers: HTTPHeaders) async throws -> String {
        let page = try await call(.GET, "accueil", as: headers).body.string
        guard let range = page.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else { return "" }
        return String(page[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    private static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
