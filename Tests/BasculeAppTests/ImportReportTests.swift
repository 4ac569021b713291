import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The report says what the import built, and its figures are the directory's: each count is
/// checked against the rows the merge wrote, not against the generator's intentions.
@Suite("AAF import report: what was built")
struct ImportReportTests {
    static let year = SchoolYearName(startYear: 2025)
    static let today = try! CalendarDate(iso: "2025-09-01")

    private func importExport(_ directory: String, _ app: Application) async throws -> FeedImportReport {
        try await FeedImporter(db: app.db, options: .init(year: Self.year, today: Self.today))
            .run(directory: directory, clock: { "2025-09-01T08:00:00Z" })
    }

    private func count(_ query: SQLQueryString, _ app: Application) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM \(query)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    /// What each built kind is in the directory.
    static let built: [(FeedReportKind, SQLQueryString)] = [
        (.schoolClass, "classes"),
        (.group, "groups"),
        (.classMembership, "class_memberships"),
        (.groupMembership, "group_memberships"),
        (.legalGuardianLink, "parent_links WHERE is_legal_guardian = TRUE"),
        (.otherGuardianLink, "parent_links WHERE is_legal_guardian = FALSE"),
        (.teachingAssignment, "teaching_assignments"),
        (.headTeacher, "head_teachers"),
        (.direction, "profiles WHERE kind = 'head'"),
        (.teacher, "profiles WHERE kind = 'teacher'"),
        (.student, "accounts a WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.account_id = a.id AND p.kind = 'student')"),
    ]

    private func export() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
        _ = try GenerateAAFCommand.write(preset: .small, seed: 5, year: Self.year, to: directory, omitting: [])
        return directory
    }

    @Test("A first import reports as created exactly what it wrote, per kind, and its lines per establishment add up to the total")
    func firstImport() async throws {
        try await withTestApp { app in
            // setup
            let directory = try export()
            // act
            let report = try await importExport(directory, app)
            // check
            for (kind, rows) in Self.built {
                let stored = try await count(rows, app)
                #expect(stored > 0, "\(kind)")
                #expect(report.totals[kind]?.created == stored, "\(kind)")
                let perEstablishment = report.lines.filter { $0.kind == kind && $0.uai != nil }.map(\.counts.created).reduce(0, +)
                #expect(perEstablishment == stored, "\(kind) per establishment")
            }
            let uai = try #require(report.lines.first { $0.uai != nil }?.uai)
            let inFirst = try await count("""
                class_memberships m JOIN classes c ON c.id = m.class_id JOIN establishments e ON e.id = c.establishment_id
                WHERE e.uai = \(bind: uai)
                """, app)
            #expect(report.lines.first { $0.uai == uai && $0.kind == .classMembership }?.counts.created == inFirst)
        }
    }

    @Test("The same export again reports every built row unchanged")
    func reimport() async throws {
        try await withTestApp { app in
            // setup
            let directory = try export()
            _ = try await importExport(directory, app)
            // act
            let again = try await importExport(directory, app)
            // check
            for (kind, rows) in Self.built {
                let counts = again.totals[kind]
                #expect(counts?.unchanged == (try await count(rows, app)), "\(kind)")
                #expect(counts?.created == 0 && counts?.updated == 0 && counts?.left == 0, "\(kind)")
            }
        }
    }

    @Test("A student moved to another class, a parent no longer legal guardian: one membership created, one removed, one link updated")
    func changes() async throws {
        try await withTestApp { app in
            // setup
            let directory = try export()
            _ = try await importExport(directory, app)
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.contains("_Eleve_") })
            let path = (directory as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let record = try #require(text.range(of: "<id>2000018</id>"))
            let end = try #require(text.range(of: "</addRequest>", range: record.upperBound..<text.endIndex))
            let edited = text[record.lowerBound..<end.lowerBound]
                .replacingOccurrences(of: "<value>100$6A</value>", with: "<value>100$5A</value>")
                .replacingOccurrences(of: "<value>2000019$10$1$1$1$0</value>", with: "<value>2000019$10$1$0$1$0</value>")
            try (text[..<record.lowerBound] + edited + text[end.lowerBound...]).write(toFile: path, atomically: true, encoding: .utf8)
            let memberships = try await count("class_memberships", app)
            // act
            let report = try await importExport(directory, app)
            // check
            let uai = try #require(try await app.sql.raw("SELECT uai FROM establishments WHERE aaf_jointure = '100'")
                .first(decodingColumn: "uai", as: String.self))
            let line = report.lines.first { $0.uai == uai && $0.kind == .classMembership }?.counts
            #expect(line?.created == 1)
            #expect(line?.left == 1)
            #expect(report.totals[.classMembership]?.unchanged == memberships - 1)
            #expect(report.totals[.otherGuardianLink]?.updated == 1, "counted as what the export makes it")
            #expect(report.totals[.legalGuardianLink]?.updated == 0)
            #expect(report.totals[.student]?.updated == 0, "a student's links are not the account")
        }
    }
}
