import BasculeDomain
import BasculeStorage
import Foundation
import Testing
import Vapor
@testable import BasculeApp

/// An STS-Web pair from the command line's way in (`TimetableImports`): read, matched with the
/// directory through the companion's names, and reported without student memberships. The
/// course's one week is after the test clock's day (2026-06-15): weeks already past are kept as they were.
@Suite("Timetable import of an STS-Web emp_sts with its sts_emp")
struct TimetableSTSImportTests {
    private func files(_ scenario: TimetableScenario) throws -> (emp: URL, companion: URL) {
        let emp = """
            <?xml version="1.0" encoding="ISO-8859-15"?>
            <EDT_STS><PARAMETRES><UAJ>\(scenario.uai)</UAJ><ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE></PARAMETRES><DONNEES>
              <ALTERNANCES><ALTERNANCE CODE="H"><SEMAINES><DATE_DEBUT_SEMAINE>2026-06-22</DATE_DEBUT_SEMAINE></SEMAINES></ALTERNANCE></ALTERNANCES>
              <STRUCTURE><DIVISIONS><DIVISION CODE="\(scenario.schoolClass.code)"><SERVICES>
                <SERVICE CODE_MATIERE="\(scenario.subject.code)"><ENSEIGNANTS><ENSEIGNANT TYPE="epp" ID="4242"><COURS_RATTACHES><COURS>
                  <CODE_ALTERNANCE>H</CODE_ALTERNANCE><JOUR>1</JOUR><HEURE_DEBUT>0800</HEURE_DEBUT><DUREE>0100</DUREE>
                </COURS></COURS_RATTACHES></ENSEIGNANT></ENSEIGNANTS></SERVICE></SERVICES></DIVISION></DIVISIONS></STRUCTURE>
            </DONNEES></EDT_STS>
            """
        let teacher = TimetableScenario.person("4242", scenario.teacher)
        let companion = """
            <?xml version="1.0" encoding="UTF-8"?>
            <STS_EDT><PARAMETRES><UAJ CODE="\(scenario.uai)"/><ANNEE_SCOLAIRE ANNEE="2025"><DATE_DEBUT>2025-09-01</DATE_DEBUT>
              <DATE_FIN>2026-07-04</DATE_FIN></ANNEE_SCOLAIRE></PARAMETRES>
              <DONNEES><INDIVIDUS><INDIVIDU ID="4242" TYPE="epp"><NOM_USAGE>\(teacher.lastName)</NOM_USAGE><PRENOM>\(teacher.firstName)</PRENOM>
                \(teacher.birthDate.map { "<DATE_NAISSANCE>\($0.iso)</DATE_NAISSANCE>" } ?? "")</INDIVIDU></INDIVIDUS></DONNEES></STS_EDT>
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bascule-sts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let urls = (folder.appendingPathComponent("emp_sts.xml"), folder.appendingPathComponent("sts_emp.xml"))
        try Data(emp.utf8).write(to: urls.0)
        try Data(companion.utf8).write(to: urls.1)
        return urls
    }

    @Test("The pair is matched through the companion and the report says no student came with it")
    func dryRun() async throws {
        try await withTestApp { app in
            // setup
            let scenario = try await TimetableScenario.make(app)
            let (emp, companion) = try files(scenario)
            let request = TimetableImports.Request(file: emp, displayName: "emp_sts.xml", companion: companion, uai: scenario.uai,
                                                   year: scenario.year, mode: nil, isDryRun: true, acceptsOtherUAI: false)
            // act
            let report = try await TimetableImports(app: app).run(request, by: scenario.operatorViewer)
            // check
            #expect(report.source.software == .sts)
            #expect(report[.teachers].matched == 1 && report[.classes].matched == 1 && report[.subjects].matched == 1)
            #expect(report[.courses].created == 1 && report[.students].inFile == 0)
            #expect(report.notes.contains { $0.hasPrefix("Ce fichier ne contient aucun élève") })
        }
    }
}
