import BasculeFormats
import Foundation
import Testing
@testable import BasculeDomain

/// The AAF samples of `Tests/Fixtures/aaf`, found from this file's path.
func aafFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/aaf/\(name)").path
}

@Suite("AAF reader")
struct AAFReaderTests {
    private func records(_ file: AAFFile) throws -> [AAFRecord] {
        var records: [AAFRecord] = []
        try AAFReader.read(file) { records.append($0) }
        return records
    }

    /// A one-file export in a fresh folder, holding `content`.
    private func export(_ content: String, kind: String = "Eleve") throws -> AAFFile {
        try aafExport(bytes: Array(content.utf8), kind: kind)
    }

    @Test("The samples' files are found in import order, the DTD left aside")
    func exportOrder() throws {
        let files = try AAFFile.export(in: aafFixture("sample-2020"))
        #expect(files.map(\.kind) == [.establishment, .student])
        #expect(files.allSatisfy { $0.isFull })
        #expect(files[0].date == (try CalendarDate(iso: "2020-01-01")))
    }

    @Test("A student record reads with its classes, parents and multi-valued attributes")
    func studentSample() throws {
        let file = try AAFFile.export(in: aafFixture("sample-2020"))[1]
        let records = try records(file)
        #expect(records.count == 1)
        let student = records[0]
        #expect(student.id == "2000000")
        #expect(student.category == "Eleve")
        #expect(student.values("ENTPersonAutresPrenoms") == ["Prenom", "NOM"])
        #expect(student.fields("ENTEleveClasses") == [["3000", "1AQUA"]])
        #expect(student.values("ENTEleveGroupes").isEmpty)
        let rows = FeedMapping.rows(from: student, kind: .student, file: file.name)
        #expect(rows.persons.first?.birthDate == (try CalendarDate(iso: "2000-01-01")))
        #expect(rows.links.filter { $0.kind == .parent }.map(\.code) == ["2000000", "3000000"])
        #expect(rows.links.filter { $0.kind == .parent }.map(\.flag) == [true, true])
    }

    @Test("An ISO-8859-15 file is read in its declared encoding")
    func latinEncoding() throws {
        let file = try AAFFile.export(in: aafFixture("sample-2020"))[0]
        let record = try records(file)[0]
        #expect(record.value("ENTEtablissementMinistereTutelle") == "MINISTERE DE L'EDUCATION NATIONALE")
        let rows = FeedMapping.rows(from: record, kind: .establishment, file: file.name)
        #expect(rows.structures.first?.name == "STRUCTURE (COURANT)")
    }

    @Test("Personnel: teaching, direction and accented names")
    func personnelSample() throws {
        let file = try AAFFile.export(in: aafFixture("sample-2024"))[1]
        let records = try records(file)
        let rows = records.map { FeedMapping.rows(from: $0, kind: .personnel, file: file.name) }
        #expect(rows.map { $0.persons[0].firstName } == ["Prénom AAAA", "Prénom BBBB"])
        #expect(rows.map { $0.persons[0].isTeacher } == [true, true], "both have ENTPersonCategorieEnseignant = O")
        #expect(rows[0].links.filter { $0.kind == .direction }.map(\.establishment) == ["43"])
        #expect(rows[1].links.filter { $0.kind == .direction }.isEmpty)
    }

    @Test("Hostile or broken files are refused with file, line and reason", arguments: [
        ("truncated", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>\n<addRequest>\n<operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes>\n<identifier><id>1</id></identifier>\n", "XML invalide"),
        ("malformed", "<?xml version=\"1.0\"?>\n<ficAlimMENESR><addRequest></ficAlimMENESR>", "XML invalide"),
        ("XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<ficAlimMENESR><addRequest><identifier><id>&xxe;</id></identifier></addRequest></ficAlimMENESR>", "entité"),
        ("bomb", "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<ficAlimMENESR><addRequest><identifier><id>&c;</id></identifier></addRequest></ficAlimMENESR>", "entité"),
        ("undeclared entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR><addRequest><identifier><id>&xxe;</id></identifier></addRequest></ficAlimMENESR>", "entité"),
        ("no id", "<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n<addRequest><operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes><identifier><id></id></identifier><attributes><attr name=\"sn\"><value>X</value></attr></attributes></addRequest>\n</ficAlimMENESR>", "sans identifiant"),
        ("unknown category", "<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n<addRequest><operationalAttributes><attr name=\"categoriePersonne\"><value>Martien</value></attr></operationalAttributes><identifier><id>1</id></identifier><attributes><attr name=\"sn\"><value>X</value></attr></attributes></addRequest>\n</ficAlimMENESR>", "catégorie « Martien » inconnue"),
        ("wrong root", "<?xml version=\"1.0\"?>\n<html><body/></html>", "racine « html »"),
    ])
    func hostile(name: String, content: String, reason: String) throws {
        let file = try export(content)
        do {
            _ = try records(file)
            Issue.record("\(name) was accepted")
        } catch let error as AAFError {
            #expect(error.file == file.name)
            #expect(error.line != nil)
            #expect(error.reason.contains(reason), "\(name): \(error.reason)")
        }
    }

    @Test("Subject records carry the category MatEducNat in a file named MatiereEducNat; another category is refused with the accepted one")
    func subjectCategory() throws {
        // setup
        func subject(_ category: String) -> String {
            "<?xml version=\"1.0\"?>\n<ficAlimMENESR>\n<addRequest><operationalAttributes><attr name=\"categorieMatiere\"><value>\(category)</value></attr></operationalAttributes><identifier><id>061300</id></identifier><attributes><attr name=\"ENTMatJointure\"><value>061300</value></attr></attributes></addRequest>\n</ficAlimMENESR>"
        }
        let real = try export(subject("MatEducNat"), kind: "MatiereEducNat")
        let generated = try export(subject("MatiereEducNat"), kind: "MatiereEducNat")
        // act
        let read = try records(real)
        var refusal: AAFError?
        do { _ = try records(generated) } catch let error as AAFError { refusal = error }
        // check
        #expect(read.map(\.category) == ["MatEducNat"])
        #expect(refusal?.reason.contains("catégorie « MatiereEducNat » inconnue dans un fichier MatiereEducNat") == true)
        #expect(refusal?.reason.hasSuffix("catégorie acceptée : « MatEducNat »") == true, "\(String(describing: refusal))")
    }

    @Test("Predefined entities, character references and CDATA are read as text; values are trimmed")
    func textForms() throws {
        let file = try export("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">
            <ficAlimMENESR>
            <addRequest>
            <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
            <identifier><id> 42 </id></identifier>
            <attributes>
            <attr name="sn"><value>Dupont &amp; Fils &lt;3&gt;</value></attr>
            <attr name="givenName"><value>Ren&#233;e</value></attr>
            <attr name="Nom &amp; pr&#233;nom &#38; co"><value>x</value></attr>
            <attr name="ENTPersonAutresPrenoms"><value><![CDATA[Anne & Marie]]></value><value>
              Zoé\u{00A0}</value></attr>
            </attributes>
            </addRequest>
            </ficAlimMENESR>
            """)
        let record = try #require(try records(file).first)
        #expect(record.id == "42")
        #expect(record.value("sn") == "Dupont & Fils <3>")
        #expect(record.value("givenName") == "Renée")
        #expect(record.values("ENTPersonAutresPrenoms") == ["Anne & Marie", "Zoé"])
        #expect(record.value("Nom & prénom & co") == "x", "an attribute's name reads with its ampersands")
        #expect(record.line == 4)
    }

    @Test("An empty file and a file of the wrong encoding are refused")
    func emptyAndEncoding() throws {
        let empty = try export("")
        #expect(throws: AAFError.self) { try records(empty) }
        // Latin-1 bytes under a UTF-8 declaration.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR><addRequest><identifier><id>".utf8)
        bytes += [0x45, 0xE9, 0x45]
        bytes += Array("</id></identifier></addRequest></ficAlimMENESR>".utf8)
        let file = try export(String(decoding: [], as: UTF8.self))
        try Data(bytes).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: AAFError.self) { try records(file) }
    }

    @Test("File names outside the AAF pattern are refused, and a folder is one export")
    func fileNames() throws {
        #expect(throws: AAFError.self) { try AAFFile(path: "/x/ENT_Complet_20250901_Martiens_0000.xml") }
        #expect(throws: AAFError.self) { try AAFFile(path: "/x/ENT_Partiel_20250901_Eleve_0000.xml") }
        #expect(throws: AAFError.self) { try AAFFile(path: "/x/ENT_Complet_20251301_Eleve_0000.xml") }
        #expect(try AAFFile(path: "/x/ficAlimMENESR.dtd") == nil)
    }
}
