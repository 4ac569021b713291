import BasculeDomain
import BasculeStorage
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// Hand-written exports of each vocabulary a real académie writes (docs/aaf.md lists which
/// fixture covers which words), imported with the counts the report must give.
@Suite("AAF vocabularies: every variant imports, with its counts")
struct AAFVariantsTests {
    static let year = SchoolYearName(startYear: 2024)
    static let today = try! CalendarDate(iso: "2024-09-20")

    struct Variant: CustomTestStringConvertible, Sendable {
        let fixture: String
        let created: [FeedReportKind: Int]
        /// Jointure → the profiles the import must give.
        let profiles: [String: Set<ProfileKind>]
        let unknown: [String]
        /// The codes of the classes made, in order.
        let classes: [String]
        var testDescription: String { fixture }
    }

    static let variants: [Variant] = [
        Variant(fixture: "variant-2d-2013", created: [
            .establishment: 1, .subject: 3, .mef: 1, .student: 3, .parent: 3, .teacher: 3, .staff: 2,
            .schoolClass: 2, .group: 1, .classMembership: 3, .groupMembership: 2, .legalGuardianLink: 3, .otherGuardianLink: 1,
            .teachingAssignment: 4, .headTeacher: 1, .direction: 1,
        ], profiles: [
            "1300201": [.teacher], "1300202": [.teacher], "1300203": [.staff, .head], "1300204": [.teacher], "1300205": [.staff],
        ], unknown: ["PersEducNat ENTAuxEnsFutureAttribut 1"], classes: ["6A", "6B"]),
        Variant(fixture: "variant-2d-2024", created: [
            .establishment: 1, .subject: 2, .mef: 2, .student: 2, .parent: 3, .teacher: 2, .staff: 1,
            .schoolClass: 2, .group: 1, .classMembership: 2, .groupMembership: 2, .legalGuardianLink: 2, .otherGuardianLink: 1,
            .teachingAssignment: 2, .headTeacher: 1, .direction: 1,
        ], profiles: [
            "5000201": [.teacher, .head], "5000202": [.staff], "5000203": [.teacher],
        ], unknown: [], classes: ["1G2", "2NDE1"]),
        // The écoles: ENTPersonNom and -Prenom, five-field ENTPersonClasses and -Groupes, every
        // adult of ENTEleveAutoriteParentale a legal guardian; no subject nor MEF file.
        Variant(fixture: "variant-1d", created: [
            .establishment: 1, .student: 2, .parent: 2, .teacher: 2, .staff: 1,
            .schoolClass: 2, .group: 1, .classMembership: 2, .groupMembership: 1, .legalGuardianLink: 3, .direction: 1,
        ], profiles: [
            "7000201": [.teacher, .head], "7000202": [.teacher], "7000203": [.staff],
        ], unknown: [], classes: ["CE1 B", "CP A"]),
    ]

    @Test("A hand-written export of each variant imports whole, with the report's counts", arguments: variants)
    func variant(_ variant: Variant) async throws {
        try await withTestApp { app in
            // act
            let report = try await FeedImporter(db: app.db, options: .init(year: Self.year, today: Self.today))
                .run(directory: aafFixture(variant.fixture), clock: { "2024-09-20T08:00:00Z" })
            // check
            #expect(report.state == .applied)
            #expect(report.rejections.isEmpty, "\(report.rejections)")
            for kind in FeedReportKind.allCases {
                #expect((report.totals[kind]?.created ?? 0) == (variant.created[kind] ?? 0), "\(kind)")
            }
            for (jointure, kinds) in variant.profiles {
                let account = try #require(try await Account.query(on: app.db).filter(\.$jointure == jointure).first())
                let stored = try await Profile.query(on: app.db).filter(\.$account.$id == account.requireID()).all().map(\.kind)
                #expect(Set(stored) == kinds, "\(jointure)")
            }
            #expect(report.unknownAttributes.map { "\($0.kind) \($0.name) \($0.records)" } == variant.unknown)
            let classes = try await app.sql.raw("SELECT code FROM classes ORDER BY code").all(decodingColumn: "code", as: String.self)
            #expect(classes == variant.classes)
        }
    }
}
