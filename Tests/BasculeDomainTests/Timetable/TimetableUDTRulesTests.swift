import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// The v26 fixture with `old` replaced by `new` in `file`.
private func v26(changing file: String, _ old: String, _ new: String, extra: [UDTEntry] = []) throws -> URL {
    let text = try String(contentsOf: timetableFixture("udt/v26/\(file)"), encoding: .utf8)
    #expect(text.contains(old), "the fixture \(file) no longer holds \(old)")
    let changed = UDTEntry(path: file, data: Data(text.replacingOccurrences(of: old, with: new).utf8))
    return try udtArchive(["v26"], without: [file], extra: [changed] + extra)
}

private func read(_ archive: URL, limits: TimetableLimits = .standard) throws(TimetableFileError) -> TimetableExport {
    try TimetableReader.read(fileAt: archive, displayName: "udt.zip", keys: nil, limits: limits)
}

@Suite("UDT rules, each on a changed fixture")
struct TimetableUDTRulesTests {
    @Test("Consecutive lines on two days are two courses")
    func noMergeAcrossDays() throws {
        // setup
        let archive = try v26(changing: "UDCal_12.xml", #"fic="003" div="6A" mat="FRANC" prof="P2" salle="S102" rgpmt="0" gpe="""#,
                              #"fic="003" div="6A" mat="MATHS" prof="P1" salle="S101" rgpmt="0" gpe="G1""#)
        // act
        let courses = try read(archive).courses.filter { $0.groupKeys == ["6A/G1"] }
        // check
        #expect(courses.map(\.day).sorted() == [1, 1, 2])
    }

    @Test("A regroupement's lines, one per division, are one course")
    func regroupementOnce() throws {
        // setup
        let line = #"<ligfiche code="006001" fic="006" div="6B" mat="LATIN" prof="P3" salle="" rgpmt="R1" gpe="" idgpe=""/>"#
        let archive = try v26(changing: "UDCal_12.xml", line, line + "\n" + line.replacingOccurrences(of: "6B", with: "6A"))
        // act
        let courses = try read(archive).courses
        // check
        #expect(courses.filter { $0.groupKeys == ["rgpmt/R1"] }.count == 1)
    }

    @Test("A room written twice is one, the first")
    func twice() throws {
        // setup
        let archive = try v26(changing: "UDCal_03.xml", #"<salle code="S101" nom="101"/>"#,
                              #"<salle code="S101" nom="101"/><salle code="S101" nom="101 bis"/>"#)
        // act
        let export = try read(archive)
        // check
        #expect(export.rooms.map(\.name) == ["101", "102"])
    }

    @Test("A period starting in January is placed in the next calendar year")
    func januaryPeriod() throws {
        // setup
        let lines = try Data(contentsOf: timetableFixture("udt/weekly/UDCal_12_45.xml"))
        let archive = try v26(changing: "semaines.xml", #"<semaine num="45"/>"#, #"<semaine num="45"/><semaine num="2"/>"#,
                              extra: [UDTEntry(path: "UDCal_12_02.xml", data: lines)])
        // act
        let course = try #require(try read(archive).courses.first { $0.origin.contains("UDCal_12_02.xml") })
        // check
        // ISO week 2 of 2026 starts on 5 January: school week 19, up to the year's last, 44.
        #expect(course.weeks.weeks == Array(19...44))
    }

    @Test("Entries in a folder are read; macOS's __MACOSX copies are not")
    func folders() throws {
        // setup
        let archive = try udtArchive(["v26"], rename: { "export/\($0)" }, extra: [UDTEntry(path: "__MACOSX/export/UDCal_10.xml", data: Data([0, 1]))])
        // act
        let export = try read(archive)
        // check
        #expect(export.courses.count == 4 && export.students.count == 3)
    }

    @Test("Without UDCal_21, no membership and no version are claimed")
    func noMemberships() throws {
        // setup
        let archive = try udtArchive(["v24"], without: ["UDCal_21.xml"])
        // act
        let export = try read(archive)
        // check
        #expect(!export.hasStudentMemberships && export.source.product == nil)
        #expect(export.notes.contains { $0.hasPrefix("Les fichiers ne disent pas quelle version d'UDT") })
    }

    @Test("A broken value is refused with its entry, its reason and its line", arguments: [
        ("UDCal_24.xml", "<fin_eleve>04/07/2026", "<fin_eleve>2026/07/04", "date « 2026/07/04 » illisible dans fin_eleve (attendu JJ/MM/AAAA) (ligne 5)"),
        ("UDCal_24.xml", "<fin_eleve>04/07/2026", "<fin_eleve>04/07/2025", "l'année se termine (2025-07-04) avant de commencer (2025-09-01) (ligne 2)"),
        ("UDCal_00.xml", #"premiere_semaine_ISO="36""#, #"premiere_semaine_ISO="40""#,
         "la semaine ISO 40 de 2025, première semaine, est loin du début des cours (2025-09-01) (ligne 2)"),
        ("UDCal_07.xml", #"hre_deb="09:00" hre_fin="09:30""#, #"hre_deb="9 heures" hre_fin="09:30""#,
         "demi-séquence 3 du jour 1 sans heures lisibles (hre_deb, hre_fin en HH:MM ou HHhMM) (ligne 5)"),
        ("UDCal_11.xml", #"code="003" jour="2""#, #"code="003" jour="8""#, "fiche 003 sans jour (1 à 7) ou demi-séquence lisible (ligne 5)"),
        ("semaines.xml", #"num="45""#, #"num="54""#, "semaine sans numéro ISO lisible (attribut num, 1 à 53) (ligne 2)"),
        ("UDCal_21.xml", #"semaines="1112671407570944""#, #"semaines="S36-S42""#, "semaines « S36-S42 » illisibles (attendu un entier) (ligne 4)"),
        ("UDCal_04.xml", #"date_naissance="04/05/1980""#, #"date_naissance="4 mai 1980""#,
         "date « 4 mai 1980 » illisible dans l'attribut date_naissance (attendu JJ/MM/AAAA) (ligne 3)"),
        ("UDCal_19.xml", #"code_div="6A" code_sts"#, #"code_div="" code_sts"#, "élément gpe sans attribut code_div (ligne 3)"),
    ])
    func brokenValue(_ file: String, _ old: String, _ new: String, _ reason: String) throws {
        // setup
        let archive = try v26(changing: file, old, new)
        // act
        do throws(TimetableFileError) {
            _ = try read(archive)
            Issue.record("the archive was read")
        } catch {
            // check
            #expect(error.location == .zipEntry(file))
            #expect(error.reason == reason)
        }
    }

    @Test("Merged lines whose last half-sequence ends before the first begins are refused on the lines' entry")
    func halfSequencesOutOfOrder() throws {
        // setup
        let archive = try v26(changing: "UDCal_07.xml", #"code="2" code_site="1" hre_deb="08:30" hre_fin="09:00""#,
                              #"code="2" code_site="1" hre_deb="07:00" hre_fin="07:30""#)
        // act, check
        #expect(throws: TimetableFileError(fileName: "udt.zip", location: .zipEntry("UDCal_12.xml"),
                                           reason: "lignes de fiche 001001 à 002001\u{00A0}: la dernière demi-séquence finit (07:30) "
                                               + "avant que la première ne commence (08:00) (ligne 3)")) { try read(archive) }
    }

    @Test("maxEntries and maxCourses hold for UDT files")
    func limits() throws {
        // setup
        let archive = try udtArchive(["v26"])
        var few = TimetableLimits.standard, short = TimetableLimits.standard
        few.maxEntries = 2
        short.maxCourses = 1
        // act, check
        #expect(throws: TimetableFileError(fileName: "udt.zip", location: .zipEntry("UDCal_24.xml"),
                                           reason: "plus de 2 éléments fermeture (limite maxEntries) (ligne 2)")) { try read(archive, limits: few) }
        #expect(throws: TimetableFileError(fileName: "udt.zip", location: .zipEntry("UDCal_12.xml"),
                                           reason: "plus de 1 cours (limite maxCourses) (ligne 2)")) { try read(archive, limits: short) }
    }
}
