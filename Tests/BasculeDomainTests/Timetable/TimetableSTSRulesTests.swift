import BasculeDomain
import Foundation
import Testing
@testable import BasculeFormats

/// A hand-written `emp_sts`: one division 6A, one French service taught by `teachers`, each
/// with the same course.
private func empSTS(teachers: [String] = ["12345"], alternance: String = "H", start: String = "0800",
                    duration: String = "0100") -> String {
    let services = teachers.map { id in
        """
        <ENSEIGNANT TYPE="epp" ID="\(id)"><COURS_RATTACHES><COURS><CODE_ALTERNANCE>\(alternance)</CODE_ALTERNANCE>
          <JOUR>1</JOUR><HEURE_DEBUT>\(start)</HEURE_DEBUT><DUREE>\(duration)</DUREE><CODE_SALLE>101</CODE_SALLE></COURS>
        </COURS_RATTACHES></ENSEIGNANT>
        """
    }.joined()
    return """
        <?xml version="1.0" encoding="ISO-8859-15"?>
        <EDT_STS><PARAMETRES><UAJ>0999999X</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES><DONNEES>
          <ALTERNANCES><ALTERNANCE CODE="H"><SEMAINES><DATE_DEBUT_SEMAINE>2025-09-01</DATE_DEBUT_SEMAINE>
            <DATE_DEBUT_SEMAINE>2025-09-08</DATE_DEBUT_SEMAINE></SEMAINES></ALTERNANCE></ALTERNANCES>
          <STRUCTURE><DIVISIONS><DIVISION CODE="6A"><SERVICES><SERVICE CODE_MATIERE="020700" CODE_MOD_COURS="CG">
            <ENSEIGNANTS>\(services)</ENSEIGNANTS></SERVICE></SERVICES></DIVISION></DIVISIONS></STRUCTURE>
        </DONNEES></EDT_STS>
        """
}

/// A hand-written `sts_emp`, as ISO-8859-15 bytes: `label` is encoded with that table.
private func stsEmp(uai: String = "0999999X", root: String = "STS_EDT", label: String = "Français",
                    birth: String = "1980-05-04", end: String = "2026-07-04") -> Data {
    let text = """
        <?xml version="1.0" encoding="ISO-8859-15"?>
        <\(root)><PARAMETRES><UAJ CODE="\(uai)"/><ANNEE_SCOLAIRE ANNEE="2025"><DATE_DEBUT>2025-09-01</DATE_DEBUT>
          <DATE_FIN>\(end)</DATE_FIN></ANNEE_SCOLAIRE></PARAMETRES>
          <NOMENCLATURES><MATIERES><MATIERE CODE="020700"><LIBELLE_LONG>FRANCAIS</LIBELLE_LONG>
            <LIBELLE_EDITION>\(label)</LIBELLE_EDITION></MATIERE></MATIERES></NOMENCLATURES>
          <DONNEES><INDIVIDUS><INDIVIDU ID="12345" TYPE="epp"><NOM_USAGE>DURAND</NOM_USAGE><PRENOM>Élise</PRENOM>
            <DATE_NAISSANCE>\(birth)</DATE_NAISSANCE></INDIVIDU></INDIVIDUS></DONNEES></\(root)>
        """
    // Latin-1 lacks €: ISO-8859-15 puts it at A4, where Latin-1 has ¤.
    return Data(text.unicodeScalars.map { $0 == "€" ? 0xA4 : UInt8(truncatingIfNeeded: $0.value) })
}

private func read(_ text: String, companion: Data? = nil) throws -> TimetableExport {
    let url = try writeTimetable(text, name: "emp_sts.xml")
    let second = try companion.map { try writeTimetable(bytes: $0, name: "sts_emp.xml") }
    return try TimetableReader.read(fileAt: url, displayName: "emp_sts.xml", keys: nil, companion: second)
}

private func refusal(_ text: String, companion: Data? = nil) throws -> TimetableFileError? {
    do { _ = try read(text, companion: companion); return nil } catch let error as TimetableFileError { return error }
}

@Suite("STS-Web rules, on hand-written files")
struct TimetableSTSRulesTests {
    @Test("A course listed under two co-teachers is one course with both")
    func coTeaching() throws {
        // setup, act
        let export = try read(empSTS(teachers: ["12345", "67890"]))
        // check
        #expect(export.courses.count == 1)
        #expect(export.courses[0].teacherKeys == ["12345", "67890"] && export.teachers.count == 2)
        #expect(export.courses[0].weeks.weeks == [1, 2] && export.courses[0].endsAt.description == "09:00")
    }

    @Test("A division written twice is one class")
    func divisionTwice() throws {
        // setup
        let text = empSTS().replacingOccurrences(of: "</DIVISIONS>", with: #"<DIVISION CODE="6A"><SERVICES/></DIVISION></DIVISIONS>"#)
        // act
        let export = try read(text)
        // check
        #expect(export.classes.map(\.key) == ["6A"] && export.courses.count == 1)
    }

    @Test("The companion names the teacher and the subject, in ISO-8859-15 (€ is A4)")
    func companion() throws {
        // setup, act
        let export = try read(empSTS(), companion: stsEmp(label: "Français €"))
        // check
        #expect(export.subjects == [TimetableExportSubject(key: "020700", code: "020700", label: "Français €")])
        let teacher = try #require(export.teachers.first)
        #expect(teacher.lastName == "DURAND" && teacher.firstName == "Élise" && teacher.birthDate?.iso == "1980-05-04")
        #expect(export.calendar.endsOn.iso == "2026-07-04")
    }

    @Test("A companion for another establishment is refused, naming it")
    func otherEstablishment() throws {
        // setup, act
        let error = try #require(try refusal(empSTS(), companion: stsEmp(uai: "0111111A")))
        // check
        #expect(error.sentence == "Le fichier « sts_emp.xml », ligne 2\u{00A0}: ce fichier est pour l'établissement 0111111A, "
            + "le fichier emp_sts pour 0999999X.")
    }

    @Test("A second file that is not sts_emp is refused")
    func wrongCompanion() throws {
        // setup, act
        let error = try #require(try refusal(empSTS(), companion: stsEmp(root: "EDT_STS")))
        // check
        #expect(error.fileName == "sts_emp.xml")
        #expect(error.reason == "le second fichier doit être l'export sts_emp de STS-Web (racine STS_EDT), pas « EDT_STS »")
    }

    @Test("An unknown alternance and an unreadable time are refused with their line")
    func badCourse() throws {
        // setup, act
        let alternance = try #require(try refusal(empSTS(alternance: "Q1")))
        let time = try #require(try refusal(empSTS(start: "0875")))
        let late = try #require(try refusal(empSTS(start: "2330", duration: "0100")))
        // check
        #expect(alternance.sentence == "Le fichier « emp_sts.xml », ligne 6\u{00A0}: alternance « Q1 » inconnue (absente de ALTERNANCES).")
        #expect(time.reason.hasPrefix("cours sans heure de début ou durée lisible") && time.location == .line(6))
        #expect(late.reason == time.reason)
    }

    @Test("Without ANNEE_SCOLAIRE the year is unknown and the file refused")
    func noYear() throws {
        // setup, act
        let error = try #require(try refusal(empSTS().replacingOccurrences(of: "<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>", with: "")))
        // check
        #expect(error.reason.hasPrefix("année scolaire (PARAMETRES/ANNEE_SCOLAIRE) absente ou illisible"))
    }

    @Test("The companion's unreadable birth date and reversed year are refused, naming the companion")
    func companionDates() throws {
        // setup, act
        let birth = try #require(try refusal(empSTS(), companion: stsEmp(birth: "04/05/1980")))
        let year = try #require(try refusal(empSTS(), companion: stsEmp(end: "2025-07-04")))
        // check
        #expect(birth.sentence == "Le fichier « sts_emp.xml », ligne 6\u{00A0}: individu 12345\u{00A0}: date de naissance « 04/05/1980 » "
            + "illisible (attendu AAAA-MM-JJ).")
        #expect(year.fileName == "sts_emp.xml" && year.reason == "l'année se termine (2025-07-04) avant de commencer (2025-09-01)")
    }

    @Test("A companion of another school year is refused")
    func otherYear() throws {
        // setup, act
        let error = try #require(try refusal(empSTS().replacingOccurrences(of: "<ANNEE_SCOLAIRE>2025<", with: "<ANNEE_SCOLAIRE>2024<"),
                                             companion: stsEmp()))
        // check
        #expect(error.sentence == "Le fichier « emp_sts.xml », ligne 2\u{00A0}: le fichier est pour l'année 2024-2025, "
            + "le fichier sts_emp pour celle qui commence le 2025-09-01.")
    }

    @Test("maxEntries and maxCourses hold for STS files")
    func limits() throws {
        // setup
        let url = try writeTimetable(empSTS(), name: "emp_sts.xml")
        var few = TimetableLimits.standard, short = TimetableLimits.standard
        few.maxEntries = 0
        short.maxCourses = 0
        // act, check
        #expect(throws: TimetableFileError(fileName: "emp_sts.xml", location: .line(5), reason: "plus de 0 divisions et groupes (limite maxEntries)")) {
            try TimetableReader.read(fileAt: url, displayName: "emp_sts.xml", keys: nil, limits: few)
        }
        #expect(throws: TimetableFileError(fileName: "emp_sts.xml", location: .line(6), reason: "plus de 0 cours (limite maxCourses)")) {
            try TimetableReader.read(fileAt: url, displayName: "emp_sts.xml", keys: nil, limits: short)
        }
    }
}
