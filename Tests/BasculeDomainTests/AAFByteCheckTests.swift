import BasculeFormats
import Foundation
import Testing
@testable import BasculeDomain

/// A one-file export in a fresh folder, holding `bytes` as they are.
func aafExport(bytes: [UInt8], kind: String = "Eleve") throws -> AAFFile {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("ENT_Complet_20250901_\(kind)_0000.xml").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try AAFFile.export(in: directory.path)[0]
}

/// One student file: `declaration`, then a record whose attributes are `attributes`.
func studentFile(encoding: String = "UTF-8", _ attributes: String) -> String {
    """
    <?xml version="1.0" encoding="\(encoding)"?>
    <!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">
    <ficAlimMENESR>
    <addRequest>
    <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
    <identifier><id>1</id></identifier>
    <attributes>
    \(attributes)
    </attributes>
    </addRequest>
    </ficAlimMENESR>

    """
}

/// Reads a file; the refusal, if any.
func refusal(_ file: AAFFile) -> AAFError? {
    do { try AAFReader.read(file) { _ in }; return nil } catch { return error as? AAFError }
}

/// The bytes are checked against the declared encoding, before libxml2 decodes them.
@Suite("AAF bytes and encodings")
struct AAFByteCheckTests {
    @Test("A file declared ISO-8859-1 but written in UTF-8 is refused, naming the file and the line")
    func utf8DeclaredLatin() throws {
        // setup: the 2024 sample (UTF-8, « Prénom » on line 18) under a Latin declaration
        let sample = try String(contentsOfFile: aafFixture("sample-2024") + "/ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml", encoding: .utf8)
        let text = sample.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let file = try aafExport(bytes: Array(text.utf8), kind: "PersEducNat")
        // act
        let error = try #require(refusal(file))
        // check
        #expect(error.file == file.name)
        #expect(error.line == 18)
        #expect(error.reason.contains("UTF-8") && error.reason.contains("C3 A9"), "\(error.reason)")
    }

    @Test("Real Latin-1 is read, an uppercase accent before a non-breaking space included")
    func realLatin() throws {
        // setup
        let text = studentFile(encoding: "ISO-8859-1", "<attr name=\"sn\"><value>CAFÉ\u{00A0}É</value></attr><attr name=\"givenName\"><value>Zoé</value></attr>")
        let file = try aafExport(bytes: Array(text.data(using: .isoLatin1)!))
        // act
        var records: [AAFRecord] = []
        try AAFReader.read(file) { records.append($0) }
        // check
        #expect(records.first?.value("sn") == "CAFÉ\u{00A0}É")
        #expect(records.first?.value("givenName") == "Zoé")
    }

    @Test("Invalid UTF-8 in a UTF-8 file, a NUL byte, an unknown encoding: refused with the line", arguments: [
        ([0xC0, 0xAF], "UTF-8"), ([0xE9, 0x41], "UTF-8"), ([0xED, 0xA0, 0x80], "UTF-8"), ([0x00], "NUL"),
    ] as [([UInt8], String)])
    func badBytes(bytes: [UInt8], reason: String) throws {
        // setup
        let parts = studentFile("<attr name=\"sn\"><value>X</value></attr>").components(separatedBy: "X")
        let file = try aafExport(bytes: Array(parts[0].utf8) + bytes + Array(parts[1].utf8))
        // act
        let error = try #require(refusal(file))
        // check
        #expect(error.line == 8)
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test("An encoding the exports never use is refused")
    func unknownEncoding() throws {
        let file = try aafExport(bytes: Array(studentFile(encoding: "Shift_JIS", "").utf8))
        #expect(refusal(file)?.reason.contains("« SHIFT_JIS » non pris en charge") == true)
    }

    @Test("A character cut by the end of a 256 KiB chunk reads whole")
    func sequenceAcrossChunks() throws {
        // setup: « é » (C3 A9) straddles the first chunk's end
        let head = studentFile("<attr name=\"sn\"><value>X</value></attr>").components(separatedBy: "X")
        let padding = String(repeating: " ", count: 262_144 - head[0].utf8.count - 1)
        let text = head[0].replacingOccurrences(of: "<attributes>", with: "<attributes>" + padding) + "é" + head[1]
        let file = try aafExport(bytes: Array(text.utf8))
        // act
        var records: [AAFRecord] = []
        try AAFReader.read(file) { records.append($0) }
        // check
        #expect(Array(text.utf8)[262_143] == 0xC3)
        #expect(records.first?.value("sn") == "é")
    }
}
