import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import BasculeApp

@Suite("Year-change dashboard: the ZIP export")
struct YearChangeExportTests {
    @Test("The ZIP holds the establishment's data to keep, as French CSV, a printable page and the photos; it ticks the export items until the data changes")
    func export() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await YearChangeFixture.make(app)
            let admin = try await app.logIn(fixture.academy.adminA)
            let e = fixture.establishmentA
            let dashboard = "etablissements/\(fixture.uaiA)/changement-d-annee"
            let absenceRows = try await fixture.count("absences WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            // act
            let response = try await app.submit(dashboard + "/export", as: admin)
            let ticked = try await app.call(.GET, dashboard, as: admin).body.string
            try await app.sql.raw("""
                INSERT INTO absences (establishment_id, school_year_id, student_id, starts_at, ends_at, is_justified)
                VALUES (\(bind: e), 1, \(bind: fixture.academy.studentA.requireID()), '2026-06-30T08:00', '2026-06-30T09:00', \(bind: false))
                """).run()
            let afterChange = try await app.call(.GET, dashboard, as: admin).body.string
            // check
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentDisposition) == "attachment; filename=\"bascule-\(fixture.uaiA)-2025-2026.zip\"")
            let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
            func text(_ path: String) throws -> String {
                var data = Data()
                _ = try archive.extract(try #require(archive[path]), consumer: { data.append($0) })
                return String(decoding: data, as: UTF8.self)
            }
            let absences = try text("absences/absences.csv")
            #expect(absences.hasPrefix("\u{FEFF}Élève;Classe;Début;Fin;Motif;Justifiée;Nature\r\n"))
            #expect(absences.split(separator: "\r\n").count == absenceRows + 1)
            let files = try await fixture.count("absence_files WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            #expect(try text("absences/dossiers-absences.csv").split(separator: "\r\n").count == files + 1)
            #expect(try text("absences/statistiques-absences.csv").contains("Total;Absences;\(absenceRows)\r\n"))
            let sanctions = try await fixture.count("sanctions WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            let bySanctionKind = try text("discipline/statistiques-punitions-sanctions.csv").split(separator: "\r\n")
                .filter { $0.hasPrefix("Sanctions par nature;") }.map { Int($0.split(separator: ";").last!)! }.reduce(0, +)
            #expect(bySanctionKind == sanctions)
            let summaries = try await fixture.count("class_council_summaries WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            #expect(summaries > 0)
            #expect(try text("conseils-de-classe/syntheses.csv").split(separator: "\r\n").count == summaries + 1)
            let liaison = try text("carnet-de-liaison/conversations.csv")
            let liaisonRows = try await fixture.count("""
                liaison_conversations c LEFT JOIN liaison_messages m ON m.conversation_id = c.id
                WHERE c.establishment_id = \(bind: e) AND c.school_year_id = 1
                """)
            #expect(liaison.hasPrefix("\u{FEFF}Élève;Classe;Objet"))
            #expect(liaisonRows > 0 && liaison.split(separator: "\r\n").count == liaisonRows + 1)
            #expect(try text("index.html").contains("<h2>Absences (\(absenceRows))</h2>"))
            let photos = try await fixture.count("student_photos WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            #expect(photos > 0)
            let photoEntries = archive.filter { $0.path.hasPrefix("photos/") }
            #expect(photoEntries.count == photos)
            #expect(photoEntries.allSatisfy { !$0.path.contains("..") && $0.path.split(separator: "/").count == 3 })
            func card(_ html: String, _ id: String) -> String {
                String(html[html.range(of: "id=\"\(id)\"")!.upperBound...].prefix(300))
            }
            for item in ["absence_files", "absence_statistics", "student_photos", "discipline_statistics"] {
                #expect(card(ticked, item).contains("✔ Fait"), "\(item)")
            }
            #expect(card(afterChange, "absence_statistics").contains("À faire"))
            #expect(card(afterChange, "absence_files").contains("✔ Fait"))
        }
    }

    @Test("Only the establishment's administrators and heads export it")
    func access() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let path = "etablissements/\(academy.establishmentA.uai.code)/changement-d-annee/export"
            // act
            let byTeacher = try await app.submit(path, as: try await app.logIn(academy.teacherA))
            let byAdminB = try await app.submit(path, as: try await app.logIn(academy.adminB))
            let byHead = try await app.submit(path, as: try await app.logIn(academy.headA))
            // check
            #expect(byTeacher.status == .forbidden && byAdminB.status == .forbidden)
            #expect(byHead.status == .ok)
        }
    }
}
