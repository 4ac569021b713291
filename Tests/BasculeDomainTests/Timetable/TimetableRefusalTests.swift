import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

@Suite("Timetable files refused, each with its sentence")
struct TimetableRefusalTests {
    private func refusal(_ text: String) throws -> TimetableFileError? {
        try refusal(bytes: Data(text.utf8))
    }

    private func refusal(bytes: Data) throws -> TimetableFileError? {
        let url = try writeTimetable(bytes: bytes, name: "edt.xml")
        do throws(TimetableFileError) {
            _ = try TimetableReader.read(fileAt: url, displayName: "edt.xml", keys: nil)
            return nil
        } catch {
            return error
        }
    }

    @Test("An empty file")
    func empty() throws {
        // setup, act
        let error = try #require(try refusal(""))
        // check
        #expect(error.sentence == "Le fichier « edt.xml »\u{00A0}: le fichier est vide.")
    }

    @Test("A truncated file names its line")
    func truncated() throws {
        // setup
        let text = String(edtSample().prefix(900))
        // act
        let error = try #require(try refusal(text))
        // check
        #expect(error.sentence.hasPrefix("Le fichier « edt.xml », ligne "))
        #expect(error.reason.contains("XML invalide ou tronqué"))
    }

    @Test("Malformed XML")
    func malformed() throws {
        let error = try #require(try refusal("<ExportEmploiDuTemps Version=\"1.1\">\n<Matieres></Salles>\n</ExportEmploiDuTemps>"))
        #expect(error.location == .line(2))
        #expect(error.reason.contains("XML invalide"))
    }

    @Test("Bytes that do not follow the declared encoding")
    func wrongEncoding() throws {
        // setup: Latin-1 "é" in a file that says UTF-8
        var bytes = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExportEmploiDuTemps Version=\"1.1\" UAI=\"".utf8)
        bytes.append(contentsOf: [0xE9, 0x22, 0x2F, 0x3E])
        // act
        let error = try #require(try refusal(bytes: bytes))
        // check
        #expect(error.reason.contains("encodage invalide"))
        #expect(error.location == .line(2))
    }

    @Test("An entity declaration and an external DTD are refused before parsing")
    func entitiesAndDTD() throws {
        let entity = try #require(try refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]>\n<r>&a;</r>"))
        #expect(entity.sentence == "Le fichier « edt.xml », ligne 2\u{00A0}: déclaration « <!DOCTYPE » refusée\u{00A0}: "
            + "ni DTD ni entité ne sont admises dans un export d'emploi du temps.")
        let external = try #require(try refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file:///etc/passwd\">\n<r/>"))
        #expect(external.reason.contains("<!DOCTYPE"))
    }

    @Test("A course on a place the grid does not have")
    func missingSlot() throws {
        let error = try #require(try refusal(edtSample(place: "1", places: "2")))
        #expect(error.reason == "cours n° 1 sur la place 2, qui n'existe pas dans la grille horaire")
        #expect(error.location == .line(edtSample().components(separatedBy: "\n").firstIndex { $0.contains("<Cours Jour") }! + 1))
    }

    @Test("A week mask beyond the year")
    func weeksBeyondYear() throws {
        // setup: bit 60, the year has 44 weeks
        let error = try #require(try refusal(edtSample(weeks: String(UInt64(1) << 60))))
        #expect(error.reason == "cours n° 1\u{00A0}: semaine 60 au-delà de l'année, qui compte 44 semaines")
    }

    @Test("A membership date out of the year")
    func dateOutOfYear() throws {
        let error = try #require(try refusal(edtSample(entry: "2024-09-01")))
        #expect(error.reason == "date 2024-09-01 hors de l'année scolaire (2025-09-01 – 2026-07-04)")
        #expect(error.sentence.contains(", ligne "))
    }

    @Test("Unknown and too old versions")
    func versions() throws {
        let old = try #require(try refusal(edtSample(version: "1.0")))
        #expect(old.reason == "version du format « 1.0 » trop ancienne (la plus ancienne lue est 1.1)")
        let unknown = try #require(try refusal(edtSample(version: "v-next")))
        #expect(unknown.reason == "version du format « v-next » inconnue (attendu 1.1 ou plus récente)")
        #expect(try refusal(edtSample(version: "2.0")) == nil)
    }

    @Test("A file over the size limit names the limit")
    func tooLarge() throws {
        let url = try writeTimetable(edtSample())
        let limits = TimetableLimits(maxFileBytes: 100)
        #expect(throws: TimetableFileError(fileName: "a.xml", reason: "le fichier dépasse 100 octets (limite maxFileBytes)")) {
            try TimetableReader.read(fileAt: url, displayName: "a.xml", keys: nil, limits: limits)
        }
    }

    @Test("A BOM is stripped")
    func bom() throws {
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data(edtSample().utf8))
        #expect(try refusal(bytes: bytes) == nil)
    }
}
