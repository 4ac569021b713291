import BasculeFormats
import Foundation
import Testing
@testable import BasculeDomain

/// Person records the importer cannot use: each becomes a rejection with its reason, and the
/// export goes on. Mapping them once trapped (an overlapping access to the rows being built).
@Suite("AAF rejected records")
struct AAFRejectionTests {
    @Test("Empty sn, missing givenName, an impossible birth date, an empty <value/>: rejected, not fatal")
    func rejectedPersons() throws {
        // setup
        let file = try #require(try AAFFile.export(in: aafFixture("rejected-persons")).first { $0.kind == .personnel })
        var records: [AAFRecord] = []
        try AAFReader.read(file) { records.append($0) }
        // act
        let rows = records.map { FeedMapping.rows(from: $0, kind: .personnel, file: file.name) }
        // check
        #expect(rows.map(\.persons.count) == [1, 0, 0, 0, 0])
        #expect(rows.flatMap(\.rejections).map(\.id) == ["900001", "900002", "900003", "900004"])
        let reasons = rows.flatMap(\.rejections).map(\.reason)
        #expect(reasons[0].contains("sn") && reasons[1].contains("givenName"))
        #expect(reasons[2].hasPrefix("ENTPersonDateNaissance\u{00A0}:"), "\(reasons[2])")
        #expect(rows.flatMap(\.rejections).allSatisfy { $0.file == file.name && $0.line > 1 })
    }
}
