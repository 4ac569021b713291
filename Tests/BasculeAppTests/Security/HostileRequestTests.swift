import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The hostile-input suite for what is not a file or a feed: forged cookies, foreign origins,
/// bodies that are not what they claim, form fields out of range. Each gets a 4xx with a French
/// reason, never a 500 nor a Swift type name, and nothing is written.
@Suite("Hostile requests: cookies, origins, bodies and form fields")
struct HostileRequestTests {
    @Test("Each hostile request is refused with a 4xx in French, and the database is left as it was")
    func refusedCleanly() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app)
            let teacher = try await app.logIn(f.academy.teacherA)
            let admin = try await app.logIn(f.academy.adminA)
            let events = "api/v1/me/calendar_events"
            func headers(_ base: HTTPHeaders, _ extra: [(String, String)]) -> HTTPHeaders {
                var headers = base
                for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
                return headers
            }
            let event = Array(#"{"title":"Sortie","starts_at":"2025-11-03T08:00:00","ends_at":"2025-11-03T09:00:00"}"#.utf8)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            // act
            let requests: [(String, TestResponse)] = [
                ("forged cookie", try await app.call(.GET, "api/v1/me", as: ["Cookie": "bascule_session=" + String(repeating: "A", count: 4_000)])),
                ("garbage cookie", try await app.call(.GET, "api/v1/me", as: ["Cookie": #"bascule_session="%00%ff; x"#])),
                ("foreign origin", try await app.call(.POST, events, as: headers(teacher, [("Origin", "https://evil.example")]),
                                                      bytes: event, contentType: .json)),
                ("opaque origin", try await app.call(.POST, events, as: headers(teacher, [("Origin", "null")]), bytes: event, contentType: .json)),
                ("cross-site fetch", try await app.call(.POST, events, as: headers(teacher, [("Sec-Fetch-Site", "cross-site")]),
                                                        bytes: event, contentType: .json)),
                ("XML for JSON", try await app.call(.POST, events, as: teacher, bytes: Array("<a/>".utf8), contentType: .xml)),
                ("truncated JSON", try await app.call(.POST, events, as: teacher, bytes: Array(#"{"title": "#.utf8), contentType: .json)),
                ("deep JSON", try await app.call(.POST, events, as: teacher, bytes: Array((String(repeating: "[", count: 5_000)).utf8),
                                                 contentType: .json)),
                ("huge JSON", try await app.call(.POST, events, as: teacher, bytes: [UInt8](repeating: 0x20, count: 3_000_000),
                                                 contentType: .json)),
                ("form date", try await app.submit("etablissements/\(f.uaiA)/blocage-des-acces", as: admin,
                                                   fields: [("phase", "1"), ("date", "<script>"), ("time", "25:99")])),
                ("form number", try await app.submit("etablissements/\(f.uaiA)/blocage-des-acces", as: admin,
                                                     fields: [("phase", "99999999999999999999999"), ("date", "2026-09-01"), ("time", "08:00")])),
                ("form without token", try await app.submit("etablissements/\(f.uaiA)/blocage-des-acces", as: admin,
                                                            fields: [("phase", "1")], withToken: false)),
            ]
            // check
            for (name, response) in requests {
                let body = response.body.string
                #expect((300..<500).contains(Int(response.status.code)), "\(name) : \(response.status) \(body)")
                #expect(!body.contains("Swift") && !body.contains("DecodingError") && !body.contains("typeMismatch"), "\(name) : \(body)")
            }
            #expect(requests.prefix(2).allSatisfy { $0.1.status == .unauthorized })
            #expect(requests[2...4].allSatisfy { $0.1.status == .forbidden })
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
        }
    }
}
