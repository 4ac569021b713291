import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Vapor
@testable import BasculeApp

/// The small académie with a year of activity, ready to change from 2025-2026: next year
/// exists (as an import would have made it) and half of establishment A's teachers are in it,
/// with the test's head, administrator, staff member and student of A (they stay on).
struct YearChangeFixture {
    static let from = SchoolYearName(startYear: 2025)
    static let asOf = try! CalendarDate(iso: "2026-07-24")

    let app: Application
    let academy: TestAcademy
    let uaiA: String
    let establishmentA: Int
    let engine: YearChangeEngine

    static func make(_ app: Application) async throws -> YearChangeFixture {
        let academy = try await TestAcademy.make(app, withActivity: true)
        try await app.sql.raw("""
            INSERT INTO school_years (id, name, starts_on, ends_on, state) VALUES (2, '2026-2027', '2026-09-01', '2027-08-31', 'preparing')
            """).run()
        let establishmentA = try academy.establishmentA.requireID()
        let teachers = try await app.sql.raw("""
            SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(bind: establishmentA) AND kind = 'teacher'
            AND school_year_id = 1 ORDER BY account_id
            """).all(decodingColumn: "account_id", as: Int.self)
        for teacher in teachers.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
            try await app.sql.raw("""
                INSERT INTO profiles (account_id, establishment_id, school_year_id, kind) VALUES (\(bind: teacher), \(bind: establishmentA), 2, 'teacher')
                """).run()
        }
        let stayOn = try [academy.headA, academy.adminA, academy.staffA, academy.studentA].map { try $0.requireID() }
        try await app.sql.raw("""
            INSERT INTO profiles (account_id, establishment_id, school_year_id, kind)
            SELECT account_id, establishment_id, 2, kind FROM profiles WHERE establishment_id = \(bind: establishmentA)
            AND school_year_id = 1 AND account_id IN (\(binds: stayOn))
            """).run()
        try await SequenceSync.resync(app.sql, tables: ["school_years", "profiles"])
        return YearChangeFixture(app: app, academy: academy, uaiA: academy.establishmentA.uai.code, establishmentA: establishmentA,
                                 engine: app.yearChange)
    }

    var options: YearChangeEngine.Options { YearChangeEngine.Options(asOf: Self.asOf, confirm: true) }

    func run(_ uais: [String]? = nil, options: YearChangeEngine.Options? = nil) async throws -> [YearChangeEngine.Outcome] {
        try await engine.run(from: Self.from, uais: uais ?? [uaiA], options: options ?? self.options)
    }

    func count(_ sql: SQLQueryString) async throws -> Int {
        try await app.sql.raw("SELECT COUNT(*) AS n FROM \(sql)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    func checksum() async throws -> String { try await DatabaseChecksum.compute(on: app.sql).overall }

    /// The checksum of everything but password hashes, which the test académie salts at random:
    /// comparable between two databases.
    func portableChecksum() async throws -> String { try await BasculeAppTests.portableChecksum(app.sql) }
}

/// The checksum of everything but password hashes, which the test académie salts at random:
/// comparable between two databases.
func portableChecksum(_ sql: any SQLDatabase) async throws -> String {
    let tables = DigestedTables.all.map { table in
        table.name == "accounts"
            ? DigestedTables.Table(name: table.name, columns: table.columns.filter { $0.name != "password_hash" }) : table
    }
    return try await DatabaseChecksum.compute(on: sql, tables: tables).overall
}
