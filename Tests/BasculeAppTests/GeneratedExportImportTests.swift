import BasculeDomain
import BasculeFormats
import BasculeGenerator
import BasculeStorage
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("AAF import of generated exports, and the CLI around it")
struct GeneratedExportImportTests {
    static let year = SchoolYearName(startYear: 2025)
    static let today = try! CalendarDate(iso: "2025-09-01")

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
    }

    private func importExport(_ directory: String, _ app: Application, today: CalendarDate = today) async throws -> FeedImportReport {
        try await FeedImporter(db: app.db, options: .init(year: Self.year, today: today))
            .run(directory: directory, clock: { "2025-09-01T08:00:00Z" })
    }

    private func count(_ table: String, _ app: Application, where predicate: SQLQueryString? = nil) async throws -> Int {
        let query: SQLQueryString = predicate.map { "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \($0)" }
            ?? "SELECT COUNT(*) AS n FROM \(ident: table)"
        return try await app.sql.raw(query).first(decodingColumn: "n", as: Int.self) ?? -1
    }

    /// The small académie of `seed`, written as an export, and the generator's batches to check against.
    private func generatedExport(seed: UInt64 = 5, omitting: Set<Int> = []) throws -> (directory: String, batches: [EstablishmentBatch]) {
        let directory = temporaryDirectory()
        _ = try GenerateAAFCommand.write(preset: .small, seed: seed, year: Self.year, to: directory, omitting: omitting)
        var generator = AcademyGenerator(preset: .small, seed: seed, yearName: Self.year)
        var batches: [EstablishmentBatch] = []
        while let batch = generator.nextEstablishment() { batches.append(batch) }
        return (directory, batches)
    }

    @Test("A generated export imports whole: people, guardian links, classes, groups, teaching and head teachers")
    func generatedExport() async throws {
        try await withTestApp { app in
            // setup
            let (directory, batches) = try generatedExport()
            let subjectCount = AcademyGenerator(preset: .small, seed: 5, yearName: Self.year).subjects.count
            let profiles = batches.flatMap(\.profiles)
            let institutional = Set(batches.flatMap(\.groups).filter { $0.kind == .institutional }.map(\.id))
            // act
            let report = try await importExport(directory, app)
            // check
            #expect(report.rejections.isEmpty)
            #expect(try await count("establishments", app) == batches.count)
            for kind in [ProfileKind.student, .parent, .teacher, .head] {
                let stored = try await Profile.query(on: app.db).filter(\.$kind == kind).count()
                #expect(stored == profiles.filter { $0.kind == kind }.count, "\(kind)")
            }
            let links = batches.flatMap(\.parentLinks)
            #expect(try await count("parent_links", app) == links.count)
            #expect(try await count("parent_links", app, where: "is_legal_guardian = \(bind: true)")
                    == links.filter(\.isLegalGuardian).count)
            #expect(try await count("class_memberships", app) == batches.flatMap(\.classMemberships).count)
            #expect(try await count("group_memberships", app)
                    == batches.flatMap(\.groupMemberships).filter { institutional.contains($0.containerID) }.count)
            #expect(try await count("teaching_assignments", app)
                    == batches.flatMap(\.teachingAssignments).filter { $0.classID != nil || institutional.contains($0.groupID!) }.count)
            #expect(try await count("head_teachers", app) == batches.flatMap(\.headTeachers).count)
            #expect(try await count("classes", app, where: "mef_id IS NULL") == 0, "every class has its MEF from its students")
            #expect(try await count("subjects", app) == subjectCount)
            #expect(try await count("accounts", app, where: "source = 'feed'")
                    == batches.flatMap(\.accounts).filter { $0.source == .feed }.count)
        }
    }

    @Test("A student missing from a later export leaves, with the parents who have no other child; back in the next, intact")
    func studentLeavesAndReturns() async throws {
        try await withTestApp { app in
            // setup
            let (full, batches) = try generatedExport()
            let batch = batches[0]
            let student = batch.accounts.first { account in batch.profiles.contains { $0.accountID == account.id && $0.kind == .student } }!
            let parents = batch.parentLinks.filter { $0.studentID == student.id }.map(\.parentID)
            let partial = try generatedExport(omitting: [student.id]).directory
            _ = try await importExport(full, app)
            let before = try await DatabaseChecksum.compute(on: app.sql).overall
            let stored = try await Account.query(on: app.db).filter(\.$jointure == student.jointure).first()!
            // act
            let later = try await importExport(partial, app, today: Self.today.adding(days: 30))
            let gone = try await Account.query(on: app.db).filter(\.$jointure == student.jointure).first()!
            var parentStates: [AccountState] = []
            var expectedParentStates: [AccountState] = []
            for parent in parents {
                let jointure = batch.accounts.first { $0.id == parent }!.jointure!
                parentStates.append(try await Account.query(on: app.db).filter(\.$jointure == jointure).first()!.state)
                let otherChild = batch.parentLinks.contains { $0.parentID == parent && $0.studentID != student.id }
                expectedParentStates.append(otherChild ? .active : .left)
            }
            let back = try await importExport(full, app, today: Self.today.adding(days: 60))
            // check
            #expect(later.state == .applied)
            #expect(later.lines.first { $0.uai == batch.establishment.uai.code && $0.kind == .student }?.counts.left == 1)
            #expect(gone.state == .left)
            #expect(gone.leftOn == Self.today.adding(days: 30))
            #expect(parentStates == expectedParentStates)
            #expect(!parents.isEmpty)
            #expect(back.lines.first { $0.uai == batch.establishment.uai.code && $0.kind == .student }?.counts.updated == 1)
            let returned = try await Account.query(on: app.db).filter(\.$jointure == student.jointure).first()!
            #expect(returned.id == stored.id && returned.login == stored.login && returned.state == .active)
            #expect(try await DatabaseChecksum.compute(on: app.sql).overall == before)
        }
    }

    @Test("The export of an académie imported over that académie changes nothing, and leaves manual accounts alone")
    func exportOverItsOwnAcademy() async throws {
        try await withTestApp { app in
            // setup
            _ = try await AcademyWriter.write(AcademyGenerator(preset: .small, seed: 5, yearName: Self.year), to: app.db)
            let directory = try generatedExport().directory
            let before = try await DatabaseChecksum.compute(on: app.sql)
            // act
            let report = try await importExport(directory, app)
            let after = try await DatabaseChecksum.compute(on: app.sql)
            // check
            #expect(report.isUnchanged, "\(report.lines.filter { !$0.counts.isQuiet })")
            let changed = zip(before.tables, after.tables).filter { $0.digest != $1.digest }.map(\.0.table)
            #expect(changed.isEmpty, "changed: \(changed)")
            let manual = try await Account.query(on: app.db).filter(\.$source == .manual).all()
            #expect(manual.count == 7 && manual.allSatisfy { $0.state == .active })
        }
    }

    @Test("A person keeps their account from one school year to the next; each year has its own profiles")
    func identityAcrossYears() async throws {
        try await withTestApp { app in
            // setup
            let directory = try generatedExport().directory
            _ = try await importExport(directory, app)
            let accountsBefore = try await Account.query(on: app.db).sort(\.$id).all().map { "\($0.id!) \($0.login)" }
            // act
            let next = try await FeedImporter(db: app.db, options: .init(year: Self.year.next, today: Self.today.adding(days: 300)))
                .run(directory: directory)
            // check
            #expect(next.totals[.student]?.created == 0)
            #expect(try await Account.query(on: app.db).sort(\.$id).all().map { "\($0.id!) \($0.login)" } == accountsBefore)
            let years = try await SchoolYear.query(on: app.db).sort(\.$name).all()
            #expect(years.map(\.name.description) == ["2025-2026", "2026-2027"])
            for year in years {
                #expect(try await Profile.query(on: app.db).filter(\.$schoolYear.$id == year.id!).filter(\.$kind == .student).count() > 0)
                #expect(try await SchoolClass.query(on: app.db).filter(\.$schoolYear.$id == year.id!).count() > 0)
            }
        }
    }

    @Test("The CLI: generate --preset, generate aaf --out, import aaf --year")
    func commandLine() async throws {
        try await withTestApp { app in
            // setup
            let directory = temporaryDirectory()
            func run(_ command: any AnyAsyncCommand, _ arguments: [String]) async throws {
                var context = CommandContext(console: app.console, input: CommandInput(arguments: ["bascule"] + arguments))
                context.application = app
                try await command.run(using: &context)
            }
            // act
            try await run(GenerateCommands(), ["aaf", "--preset", "small", "--out", directory, "--seed", "2"])
            try await run(ImportCommands(), ["aaf", directory, "--year", "2026-2027", "--json"])
            let imported = try await Account.query(on: app.db).count()
            // check
            #expect(try AAFFile.export(in: directory).map(\.kind) == AAFKind.allCases)
            #expect(imported > 1_000)
            #expect(try await SchoolYear.query(on: app.db).first()?.name.description == "2026-2027")
            await #expect(throws: AcademyWriter.Failure.self) {
                try await run(GenerateCommands(), ["--preset", "small"])
            }
        }
    }
}
