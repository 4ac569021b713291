import BasculeFormats
import Foundation
import Testing
@testable import BasculeDomain

/// One record cannot hold more than `AAFLimits` allows; past a limit the file is refused with
/// the attribute and the line, before the value is read whole.
@Suite("AAF limits of one record")
struct AAFLimitsTests {
    private func groups(_ count: Int) -> String {
        "<attr name=\"ENTEleveGroupes\">" + (0..<count).map { "<value>1$G\($0)</value>" }.joined() + "</attr>"
    }

    @Test("1 000 values of one attribute are read; 1 001 refuse the file, naming the attribute")
    func valuesPerAttribute() throws {
        // setup
        let atLimit = try aafExport(bytes: Array(studentFile(groups(AAFLimits.valuesPerAttribute)).utf8))
        let past = try aafExport(bytes: Array(studentFile(groups(100_000)).utf8))
        // act
        var records: [AAFRecord] = []
        try AAFReader.read(atLimit) { records.append($0) }
        let error = try #require(refusal(past))
        // check
        #expect(records.first?.values("ENTEleveGroupes").count == 1_000)
        #expect(error.line == 8)
        #expect(error.reason == "plus de 1000 valeurs dans l'attribut « ENTEleveGroupes »")
    }

    @Test("A value of 4 096 bytes is read; one byte more, or 20 MB, refuses the file")
    func bytesPerValue() throws {
        // setup
        func file(_ size: Int) throws -> AAFFile {
            try aafExport(bytes: Array(studentFile("<attr name=\"sn\"><value>\(String(repeating: "A", count: size))</value></attr>").utf8))
        }
        // act
        let atLimit = refusal(try file(AAFLimits.bytesPerValue))
        let past = try #require(refusal(try file(AAFLimits.bytesPerValue + 1)))
        let huge = try #require(refusal(try file(20_000_000)))
        // check
        #expect(atLimit == nil)
        #expect(past.reason == "valeur de plus de 4096 octets dans « sn »")
        #expect(huge.reason == past.reason && huge.line == 8)
    }

    @Test("A record of more than 1 MiB refuses the file")
    func bytesPerRecord() throws {
        // setup: 300 attributes of 4 000 bytes each
        let attributes = (0..<300).map { "<attr name=\"x\($0)\"><value>\(String(repeating: "B", count: 4_000))</value></attr>\n" }
        let file = try aafExport(bytes: Array(studentFile(attributes.joined()).utf8))
        // act
        let error = try #require(refusal(file))
        // check
        #expect(error.reason.hasPrefix("enregistrement de plus de 1048576 octets"), "\(error.reason)")
        #expect((error.line ?? 0) > 200, "the line where the limit is crossed")
    }

    @Test("An element inside <value> or <id> refuses the file", arguments: [
        "<attr name=\"sn\"><value>A<b>B</b></value></attr>", "<attr name=\"sn\"><value><value>A</value></value></attr>",
    ])
    func elementInValue(attributes: String) throws {
        // setup
        let file = try aafExport(bytes: Array(studentFile(attributes).utf8))
        let inID = try aafExport(bytes: Array(studentFile("").replacingOccurrences(of: "<id>1</id>", with: "<id>1<x/></id>").utf8))
        // act
        let error = try #require(refusal(file))
        let idError = try #require(refusal(inID))
        // check
        #expect(error.line == 8)
        #expect(error.reason.hasPrefix("élément « "), "\(error.reason)")
        #expect(error.reason.contains("dans une valeur\u{00A0}:"))
        #expect(idError.reason == "élément « x » dans une valeur\u{00A0}: <value> et <id> ne contiennent que du texte")
    }
}
