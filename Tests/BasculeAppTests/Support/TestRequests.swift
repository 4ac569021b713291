import NIOCore
import Vapor
import VaporTesting
@testable import BasculeApp

/// A response of the test application, decoded on demand.
struct TestResponse {
    let status: HTTPStatus
    let body: ByteBuffer

    var record: ServiceRecord { (try? JSONDecoder().decode(ServiceRecord.self, from: body)) ?? [:] }
    var page: [ServiceRecord] { (try? JSONDecoder().decode(ServiceStore.Page.self, from: body))?.items ?? [] }
    var id: Int { record["id"]?.int ?? -1 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
}

extension Application {
    /// A request as a signed-in person, with a JSON body or raw bytes.
    func call(_ method: HTTPMethod, _ path: String, as headers: HTTPHeaders, json: ServiceRecord? = nil,
              encodable: (any Content)? = nil, bytes: [UInt8]? = nil) async throws -> TestResponse {
        var result = TestResponse(status: .imATeapot, body: ByteBuffer())
        try await testing().test(method, path, headers: headers, beforeRequest: { req in
            if let json { try req.content.encode(json) }
            if let encodable { try req.content.encode(encodable, using: JSONEncoder()) }
            if let bytes {
                req.body = ByteBuffer(bytes: bytes)
                req.headers.contentType = .plainText
            }
        }, afterResponse: { res in
            result = TestResponse(status: res.status, body: res.body)
        })
        return result
    }
}
