import BasculeDomain
import FluentKit
import SQLKit
import Testing
@testable import BasculeStorage

/// Each establishment is in its own year: once its change is done (`current_year_id` set, as
/// the `new_year` step does) its people are in the next year, while the région's year and the
/// other establishments stay where they were.
@Suite("Each establishment's own year: profiles, writes, read-only rule, inbox")
struct EstablishmentYearTests {
    /// 2025-2026 current, 2026-2027 preparing; A has changed, B has not. Léa is a student of A
    /// in both years, Tom teaches in A next year and in B this year, Zoé is a student of B, Max
    /// leaves A (no profile next year).
    struct Fixture {
        let db: any Database
        let changed: Int, held: Int
        let lea: Account, tom: Account, zoe: Account, max: Account

        static func make(_ db: any Database) async throws -> Fixture {
            let old = SchoolYear(name: SchoolYearName(startYear: 2025), state: .current)
            let new = SchoolYear(name: SchoolYearName(startYear: 2026), state: .preparing)
            try await old.create(on: db)
            try await new.create(on: db)
            let changed = Establishment(uai: try UAI("0750001U"), name: "Collège A", kind: .college, academy: "Paris")
            let held = Establishment(uai: try UAI("0750002V"), name: "Collège B", kind: .college, academy: "Paris")
            try await changed.create(on: db)
            try await held.create(on: db)
            let (a, b, y1, y2) = (try changed.requireID(), try held.requireID(), try old.requireID(), try new.requireID())
            try await db.sql.raw("UPDATE establishments SET current_year_id = \(bind: y2) WHERE id = \(bind: a)").run()
            func person(_ login: String, _ profiles: [(Int, Int, ProfileKind)]) async throws -> Account {
                let account = Account(login: login, firstName: login.capitalized, lastName: "Test", source: .manual)
                try await account.create(on: db)
                for (establishment, year, kind) in profiles {
                    try await Profile(accountID: account.requireID(), establishmentID: establishment, schoolYearID: year, kind: kind)
                        .create(on: db)
                }
                return account
            }
            return Fixture(db: db, changed: a, held: b,
                           lea: try await person("lea", [(a, y1, .student), (a, y2, .student)]),
                           tom: try await person("tom", [(a, y2, .teacher), (b, y1, .teacher), (a, y1, .teacher)]),
                           zoe: try await person("zoe", [(b, y1, .student)]),
                           max: try await person("max", [(a, y1, .student)]))
        }

        func viewer(_ account: Account) async throws -> Viewer {
            try await ViewerStore(db: db).viewer(for: account)
        }
    }

    @Test("A person is in each establishment's own year; the région's year stays the year that ends")
    func viewerYears() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // setup
            let fixture = try await Fixture.make(db)
            // act
            let lea = try await fixture.viewer(fixture.lea)
            let tom = try await fixture.viewer(fixture.tom)
            let zoe = try await fixture.viewer(fixture.zoe)
            let max = try await fixture.viewer(fixture.max)
            // check
            #expect(lea.year?.name.description == "2025-2026")
            #expect(lea.memberships.map(\.year?.name.description) == ["2026-2027"])
            #expect(lea.ownYear?.name.description == "2026-2027")
            #expect(tom.year(in: fixture.changed)?.name.description == "2026-2027")
            #expect(tom.year(in: fixture.held)?.name.description == "2025-2026")
            #expect(tom.memberships.count == 2, "last year's profile in A is no longer in force")
            #expect(tom.ownYear?.name.description == "2026-2027")
            #expect(zoe.ownYear?.name.description == "2025-2026")
            #expect(max.memberships.isEmpty && max.ownYear?.name.description == "2026-2027", "a leaver of A is in its new year too")
            let recipients = try await EstablishmentYear.ownYears(of: [fixture.lea, fixture.tom, fixture.zoe, fixture.max].map { try $0.requireID() },
                                                                  on: db.sql)
            #expect(try [lea, tom, zoe, max].map { $0.ownYear } == [fixture.lea, fixture.tom, fixture.zoe, fixture.max].map { recipients[try $0.requireID()] },
                    "a recipient's own year is the one they read their inbox in")
        }
    }

    @Test("Rows are written in the establishment's own year, and the year it left is read-only there")
    func writesAndReadOnly() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // setup
            let fixture = try await Fixture.make(db)
            let store = ServiceStore(viewer: try await fixture.viewer(fixture.tom), db: db)
            let epi = ServiceSchema.byName["epi_projects"]!
            let fields: ServiceRecord = ["title": .text("Jardin"), "theme": .text("Sciences"), "description": .text("…")]
            // act
            let inChanged = try await store.create(epi, in: .establishment(id: fixture.changed, yearID: nil), fields: fields)
            let inHeld = try await store.create(epi, in: .establishment(id: fixture.held, yearID: nil), fields: fields)
            // check
            let years = try await db.sql.raw("SELECT id, name FROM school_years ORDER BY id").all(decoding: YearRow.self)
            #expect(inChanged["school_year_id"]?.int == years[1].id)
            #expect(inHeld["school_year_id"]?.int == years[0].id)
            let lastYearsRow: ServiceRecord = ["school_year_id": .int(years[0].id)]
            await #expect(throws: ServiceError.archivedYear("2025-2026")) {
                try await store.checkYearOpen(lastYearsRow, in: fixture.changed)
            }
            try await store.checkYearOpen(lastYearsRow, in: fixture.held)
        }
    }

    @Test("After the change, the inbox is the new year's; the year that ended keeps only what was archived")
    func inbox() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // setup
            let fixture = try await Fixture.make(db)
            let zoe = MailStore(viewer: try await fixture.viewer(fixture.zoe), db: db)
            // Zoé (held establishment, old year) answers Tom, who is in both (a pupil writes to
            // whoever wrote to them).
            try await db.sql.raw("""
                INSERT INTO mail_messages (school_year_id, sender_id, sent_at, subject, body)
                VALUES (1, \(bind: fixture.tom.requireID()), '2026-07-09T10:00:00', 'Sortie ?', '')
                """).run()
            try await db.sql.raw("""
                INSERT INTO mail_deliveries (message_id, account_id, school_year_id, is_read, is_archived)
                SELECT id, \(bind: fixture.zoe.requireID()), 1, \(bind: true), \(bind: false) FROM mail_messages WHERE subject = 'Sortie ?'
                """).run()
            _ = try await zoe.send(MailStore.Draft(subject: "Sortie", body: "Bonjour", to: [fixture.tom.requireID()]),
                                   at: "2026-07-10T10:00:00")
            try await db.sql.raw("""
                INSERT INTO mail_messages (school_year_id, sender_id, sent_at, subject, body)
                SELECT 1, \(bind: fixture.zoe.requireID()), '2026-06-01T08:00:00', s.subject, '' FROM
                (SELECT 'non classé' AS subject UNION ALL SELECT 'archivé') s
                """).run()
            try await db.sql.raw("""
                INSERT INTO mail_deliveries (message_id, account_id, school_year_id, is_read, is_archived)
                SELECT id, \(bind: fixture.lea.requireID()), 1, \(bind: false), \(bind: true) FROM mail_messages WHERE subject = 'archivé'
                UNION ALL
                SELECT id, \(bind: fixture.lea.requireID()), 1, \(bind: false), \(bind: false) FROM mail_messages WHERE subject = 'non classé'
                """).run()
            let lea = MailStore(viewer: try await fixture.viewer(fixture.lea), db: db)
            let tom = MailStore(viewer: try await fixture.viewer(fixture.tom), db: db)
            // act
            let leaNow = try await lea.inbox(yearID: try await lea.inboxYearID(named: nil)!, folder: nil)
            let leaLastYear = try await lea.inbox(yearID: try await lea.inboxYearID(named: "2025-2026")!, folder: nil)
            let tomNow = try await tom.inbox(yearID: try await tom.inboxYearID(named: nil)!, folder: nil)
            // check
            #expect(leaNow.isEmpty)
            #expect(leaLastYear.map(\.subject) == ["archivé"])
            #expect(tomNow.map(\.subject) == ["Sortie"], "a copy lands in its recipient's own year")
        }
    }

    struct YearRow: Decodable { let id: Int; let name: String }
}
