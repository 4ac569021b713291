import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

private func refusal(_ archive: URL, limits: TimetableLimits = .standard) -> TimetableFileError? {
    do throws(TimetableFileError) {
        _ = try TimetableReader.read(fileAt: archive, displayName: "udt.zip", keys: nil, limits: limits)
        return nil
    } catch {
        return error
    }
}

private func entry(_ path: String, _ text: String) -> UDTEntry { UDTEntry(path: path, data: Data(text.utf8)) }

@Suite("Hostile and broken UDT archives, each refused with its entry and reason")
struct TimetableUDTRefusalTests {
    @Test("An entry whose path leaves the archive", arguments: ["../UDCal_99.xml", "/tmp/UDCal_24.xml", "export/../../UDCal_03.xml"])
    func escapingPath(_ path: String) throws {
        // setup
        let archive = try udtArchive(["v26"], extra: [entry(path, "<r/>")])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.sentence == "Le fichier « udt.zip », entrée « \(path) » de l'archive\u{00A0}: "
            + "chemin qui sort de l'archive (« .. » ou chemin absolu)\u{00A0}: archive refusée.")
    }

    @Test("A symbolic link")
    func symlink() throws {
        // setup
        let archive = try udtArchive(["v26"], extra: [UDTEntry(path: "lien", data: Data("/etc/passwd".utf8), type: .symlink)])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.location == .zipEntry("lien") && error.reason == "lien symbolique\u{00A0}: archive refusée")
    }

    @Test("A ZIP bomb: 8 MiB of spaces in the students' file")
    func bomb() throws {
        // setup
        let bomb = Data("<eleves>".utf8) + Data(repeating: 0x20, count: 8 << 20) + Data("</eleves>".utf8)
        let archive = try udtArchive(["v26"], without: ["UDCal_10.xml"], extra: [UDTEntry(path: "UDCal_10.xml", data: bomb)])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.location == .zipEntry("UDCal_10.xml"))
        #expect(error.reason == "se décompresse plus de 200 fois (limite maxZipRatio)\u{00A0}: archive piégée (bombe ZIP)")
    }

    @Test("An entry that inflates to more than the archive declares for it")
    func lyingSize() throws {
        // setup
        let archive = try udtArchive(["v26"])
        var bytes = try Data(contentsOf: archive)
        // The central directory's record of UDCal_10.xml: signature 50 4B 01 02, its name at offset 46, its size at 24.
        let name = Data("UDCal_10.xml".utf8)
        let record = try #require(bytes.ranges(of: Data([0x50, 0x4B, 0x01, 0x02])).first { range in
            bytes[(range.lowerBound + 46)...].starts(with: name)
        })
        bytes.replaceSubrange(record.lowerBound + 24..<record.lowerBound + 28, with: [10, 0, 0, 0])
        try bytes.write(to: archive)
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.location == .zipEntry("UDCal_10.xml"))
        #expect(error.reason == "donne plus d'octets que l'archive n'en annonce\u{00A0}: archive piégée")
    }

    @Test("More inflated bytes than maxZipUncompressedBytes, counted entry by entry")
    func totalSize() throws {
        // setup
        let archive = try udtArchive(["v26"])
        var limits = TimetableLimits.standard
        limits.maxZipUncompressedBytes = 1_000
        // act
        let error = try #require(refusal(archive, limits: limits))
        // check
        guard case .zipEntry = error.location else { Issue.record("no entry in \(error.sentence)"); return }
        #expect(error.reason == "l'archive décompressée dépasse 1000 octets (limite maxZipUncompressedBytes)")
    }

    @Test("More entries than maxZipEntries")
    func tooManyEntries() throws {
        // setup
        var limits = TimetableLimits.standard
        limits.maxZipEntries = 5
        // act
        let error = try #require(refusal(try udtArchive(["v26"]), limits: limits))
        // check
        #expect(error.sentence == "Le fichier « udt.zip »\u{00A0}: l'archive compte plus de 5 entrées (limite maxZipEntries).")
    }

    @Test("A mandatory file missing", arguments: [("UDCal_12.xml", "lignes de cours"), ("UDCal_24.xml", "dates de l'année"),
                                                  ("UDCal_07.xml", "demi-séquences")])
    func missing(_ file: String, _ what: String) throws {
        // setup
        let archive = try udtArchive(["v26"], without: [file])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.sentence == "Le fichier « udt.zip », entrée « \(file) » de l'archive\u{00A0}: "
            + "entrée obligatoire absente de l'archive (\(what)).")
    }

    @Test("Malformed XML in one entry names the entry and the line")
    func malformed() throws {
        // setup
        let archive = try udtArchive(["v26"], without: ["UDCal_10.xml"],
                                     extra: [entry("UDCal_10.xml", "<eleves>\n<eleve code=\"E1\">\n</eleves>")])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.location == .zipEntry("UDCal_10.xml"))
        #expect(error.reason.hasPrefix("XML invalide ou tronqué") && error.reason.hasSuffix("(ligne 3)"), "\(error.reason)")
    }

    @Test("The same file twice, in two cases")
    func twice() throws {
        // setup
        let archive = try udtArchive(["v26"], extra: [entry("udcal_10.xml", "<eleves/>")])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.location == .zipEntry("udcal_10.xml"))
        #expect(error.reason == "même fichier que l'entrée « UDCal_10.xml »\u{00A0}: archive ambiguë")
    }

    @Test("A line on a fiche UDCal_11 does not have")
    func unknownFiche() throws {
        // setup
        let line = "<lignes>\n<ligfiche code=\"001001\" fic=\"099\" div=\"6A\" mat=\"MATHS\" prof=\"P1\"/>\n</lignes>"
        let archive = try udtArchive(["v26"], without: ["UDCal_12.xml"], extra: [entry("UDCal_12.xml", line)])
        // act
        let error = try #require(refusal(archive))
        // check
        #expect(error.sentence == "Le fichier « udt.zip », entrée « UDCal_12.xml » de l'archive\u{00A0}: "
            + "ligne de fiche « 001001 »\u{00A0}: fiche « 099 » absente de UDCal_11 (ligne 2).")
    }

    @Test("Bytes that start like a ZIP but are not one")
    func notAZip() throws {
        // setup
        let url = try writeTimetable(bytes: Data([0x50, 0x4B, 0x03, 0x04]) + Data("pas une archive".utf8), name: "udt.zip")
        // act
        let error = try #require(refusal(url))
        // check
        #expect(error.sentence == "Le fichier « udt.zip »\u{00A0}: ce n'est pas une archive ZIP lisible.")
    }
}
