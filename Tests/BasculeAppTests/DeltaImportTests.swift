import BasculeDomain
import BasculeGenerator
import BasculeStorage
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("AAF delta exports")
struct DeltaImportTests {
    static let year = SchoolYearName(startYear: 2025)

    private func importExport(_ directory: String, _ app: Application, day: Int) async throws -> FeedImportReport {
        try await FeedImporter(db: app.db, options: .init(year: Self.year, today: Self.year.defaultStart.adding(days: day)))
            .run(directory: directory)
    }

    private func count(_ table: String, _ app: Application) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    /// A delta file of `kind` holding `requests`.
    private func write(_ requests: [String], kind: String, category: String, to directory: String) throws {
        let body = requests.map { request in
            request.replacingOccurrences(of: "CATEGORY", with: "<operationalAttributes><attr name=\"categoriePersonne\"><value>\(category)</value></attr></operationalAttributes>")
        }.joined(separator: "\n")
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>\n\(body)\n</ficAlimMENESR>\n"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try xml.write(toFile: (directory as NSString).appendingPathComponent("ENT_BASCULE_Delta_20250915_\(kind)_0000.xml"),
                      atomically: true, encoding: .utf8)
    }

    private func modify(_ id: String, _ attributes: [(String, [String])]) -> String {
        let modifications = attributes.map { name, values in
            "<modification name=\"\(name)\" operation=\"replace\">" + values.map { "<value>\($0)</value>" }.joined() + "</modification>"
        }.joined()
        return "<modifyRequest>CATEGORY<identifier><id>\(id)</id></identifier><modifications>\(modifications)</modifications></modifyRequest>"
    }

    private func delete(_ id: String) -> String {
        "<deleteRequest>CATEGORY<identifier><id>\(id)</id></identifier></deleteRequest>"
    }

    @Test("A delta moves a student, renames one, deletes one and changes a teacher's mail, and touches nothing else")
    func deltaOnTopOfFullImport() async throws {
        try await withTestApp { app in
            // setup
            let full = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
            _ = try GenerateAAFCommand.write(preset: .small, seed: 5, year: Self.year, to: full)
            _ = try await importExport(full, app, day: 0)
            var generator = AcademyGenerator(preset: .small, seed: 5, yearName: Self.year)
            let batch = generator.nextEstablishment()!
            let est = batch.establishment.aafJointure!
            let students = batch.profiles.filter { $0.kind == .student }.map(\.accountID)
            let jointure = { (id: Int) in batch.accounts.first { $0.id == id }!.jointure! }
            let classOf = { (id: Int) in batch.classes.first { c in batch.classMemberships.contains { $0.accountID == id && $0.containerID == c.id } }!.code }
            let (moved, renamed, deleted) = (students[0], students[1], students[2])
            let target = batch.classes.first { $0.code != classOf(moved) }!.code
            let teacher = batch.profiles.first { $0.kind == .teacher }!.accountID
            let counts = (classes: try await count("class_memberships", app), parents: try await count("parent_links", app),
                          teaching: try await count("teaching_assignments", app), profiles: try await count("profiles", app))
            let delta = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
            try write([
                modify(jointure(moved), [("ENTEleveClasses", ["\(est)$\(target)"])]),
                modify(jointure(renamed), [("sn", ["Nouveau-Nom"])]),
                delete(jointure(deleted)),
                modify("9999999", [("sn", ["Personne"])]),
            ], kind: "Eleve", category: "Eleve", to: delta)
            try write([modify(jointure(teacher), [("mail", ["nouvelle.adresse@ac-lyon.example"])])],
                      kind: "PersEducNat", category: "PersEducNat", to: delta)
            // act
            let report = try await importExport(delta, app, day: 14)
            // check
            func account(_ id: Int) async throws -> Account { try await Account.query(on: app.db).filter(\.$jointure == jointure(id)).first()! }
            let movedClasses = try await DirectoryQueries(db: app.db).classes(ofStudent: account(moved).requireID(), yearID: 1).map(\.code)
            #expect(movedClasses == [target])
            #expect(try await account(renamed).lastName == "Nouveau-Nom")
            #expect(try await account(renamed).firstName == batch.accounts.first { $0.id == renamed }!.firstName)
            #expect(try await account(deleted).state == .left)
            #expect(try await account(teacher).email == "nouvelle.adresse@ac-lyon.example")
            #expect(report.rejections.map(\.id) == ["9999999"])
            #expect(report.holds.isEmpty)
            #expect(try await count("class_memberships", app) == counts.classes, "one membership moved, none lost")
            #expect(try await count("parent_links", app) == counts.parents)
            #expect(try await count("teaching_assignments", app) == counts.teaching)
            #expect(try await count("profiles", app) == counts.profiles, "a departure keeps its profiles")
            #expect(try await Account.query(on: app.db).filter(\.$state == .left).count() == 1, "nobody leaves by absence")
        }
    }

    @Test("A delta needs a full import of its year first")
    func deltaWithoutFullImport() async throws {
        try await withTestApp { app in
            let delta = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
            try write([delete("123")], kind: "Eleve", category: "Eleve", to: delta)
            await #expect(throws: FeedImporter.Failure.self) { _ = try await importExport(delta, app, day: 0) }
        }
    }

    @Test("A delta into a year that exists but never received a full import is refused too")
    func deltaIntoYearWithoutImport() async throws {
        try await withTestApp { app in
            // setup: the year exists (as a year change or the operator would make it), no import ran
            try await SchoolYear(name: Self.year, state: .preparing).create(on: app.db)
            let delta = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
            try write([delete("123")], kind: "Eleve", category: "Eleve", to: delta)
            // act
            var refusal: (any Error)?
            do { _ = try await importExport(delta, app, day: 0) } catch { refusal = error }
            // check
            #expect("\(refusal.map { "\($0)" } ?? "")".contains("arrivé avant tout import Complet"))
            let runs = try await app.sql.raw("SELECT COUNT(*) AS n FROM import_runs WHERE state = 'refused'").first(decodingColumn: "n", as: Int.self)
            #expect(runs == 1, "the refusal is in the history")
        }
    }
}
