import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp
@testable import BasculeStorage

/// One check per row of `YearChangeRules`, on establishment A of the generated académie after
/// its change; each fails if its rule is broken. Establishment B, not changed, must not move.
@Suite("Year change: every rule of the guide")
struct YearChangeRulesTests {
    @Test("Sections: bin emptied, class and temporary sections archived, roles stripped, publications withdrawn, class spaces binned, permanent sections untouched")
    func sections() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let binnedBefore = try await app.sql.raw("""
                SELECT id FROM sections WHERE establishment_id = \(bind: e) AND binned_on IS NOT NULL ORDER BY id
                """).all(decodingColumn: "id", as: Int.self)
            let permanent = try await app.sql.raw("""
                SELECT id, parent_id FROM sections WHERE establishment_id = \(bind: e) AND kind = 'standard'
                AND is_temporary = \(bind: false) AND binned_on IS NULL ORDER BY id
                """).all()
            let permanentRoles = try await f.count("""
                section_roles WHERE section_id IN (SELECT id FROM sections WHERE establishment_id = \(bind: e)
                AND kind = 'standard' AND is_temporary = \(bind: false) AND binned_on IS NULL)
                """)
            let b = try f.academy.establishmentB.requireID()
            let sectionsOfB = try await f.count("sections WHERE establishment_id = \(bind: b) AND parent_id IS NOT NULL")
            // act
            _ = try await f.run()
            // check: the bin's former content is purged (hidden), nothing else of it is
            #expect(try await f.count("sections WHERE id IN (\(binds: binnedBefore)) AND purged_on = '2026-07-24'") == binnedBefore.count)
            // class sections and temporary sections are in "Archives 2025-2026"
            let archive = try await app.sql.raw("""
                SELECT s.id FROM sections s JOIN sections p ON p.id = s.parent_id
                WHERE s.establishment_id = \(bind: e) AND s.title = 'Archives 2025-2026' AND p.kind = 'archives'
                """).first(decodingColumn: "id", as: Int.self)
            #expect(archive != nil)
            #expect(try await f.count("""
                sections WHERE establishment_id = \(bind: e) AND binned_on IS NULL
                AND ((kind = 'class' AND school_year_id = 1) OR is_temporary = \(bind: true))
                AND (parent_id IS NULL OR parent_id <> \(bind: archive ?? -1))
                """) == 0)
            // archived temporary sections keep only their managers, and leave home page and public site
            #expect(try await f.count("""
                section_roles WHERE role <> 'manager' AND section_id IN (SELECT id FROM sections WHERE parent_id = \(bind: archive ?? -1) AND is_temporary = \(bind: true))
                """) == 0)
            #expect(try await f.count("""
                section_roles WHERE role = 'manager' AND section_id IN (SELECT id FROM sections WHERE parent_id = \(bind: archive ?? -1) AND is_temporary = \(bind: true))
                """) > 0)
            #expect(try await f.count("""
                publications WHERE (on_home_page = \(bind: true) OR on_public_site = \(bind: true))
                AND section_id IN (SELECT id FROM sections WHERE parent_id = \(bind: archive ?? -1) AND is_temporary = \(bind: true))
                """) == 0)
            // class spaces are in the bin, restorable: dated, with where they came from
            #expect(try await f.count("""
                sections WHERE establishment_id = \(bind: e) AND kind = 'class_space' AND school_year_id = 1
                AND (binned_on IS NULL OR binned_on <> '2026-07-24' OR parent_id NOT IN (SELECT id FROM sections WHERE kind = 'recycle_bin'))
                """) == 0)
            // permanent sections, their roles and shared folders are untouched
            for row in permanent {
                let id = try row.decode(column: "id", as: Int.self)
                let parent = try row.decode(column: "parent_id", as: Int?.self)
                let now = try await app.sql.raw("SELECT parent_id FROM sections WHERE id = \(bind: id)")
                    .first(decodingColumn: "parent_id", as: Int?.self)
                #expect(now == parent)
            }
            #expect(try await f.count("""
                section_roles WHERE section_id IN (SELECT id FROM sections WHERE establishment_id = \(bind: e)
                AND kind = 'standard' AND is_temporary = \(bind: false) AND binned_on IS NULL)
                """) == permanentRoles)
            // the other establishment has not moved
            #expect(try await f.count("sections WHERE establishment_id = \(bind: b) AND parent_id IS NOT NULL") == sectionsOfB)
            #expect(try await f.count("sections WHERE establishment_id = \(bind: b) AND purged_on IS NOT NULL") == 0)
        }
    }

    @Test("Logbooks, roll calls, punishments and the five assessment records: archive sections under « Classes », rows read-only in place")
    func archives() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let sessions = try await f.count("logbook_sessions WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            // act
            _ = try await f.run()
            let titles = try await app.sql.raw("""
                SELECT s.title FROM sections s JOIN sections p ON p.id = s.parent_id
                WHERE s.establishment_id = \(bind: e) AND p.kind = 'classes' AND s.kind = 'archive' AND s.school_year_id = 1
                """).all(decodingColumn: "title", as: String.self)
            // check
            for rule in YearChangeRules.all {
                if case .archive(let title) = rule.action { #expect(titles.contains(title), "\(rule.id.rawValue)") }
            }
            #expect(try await f.count("logbook_sessions WHERE establishment_id = \(bind: e) AND school_year_id = 1") == sessions)
        }
    }

    @Test("Sanctions: a CSV of the year's sanctions mailed to each head of establishment")
    func sanctions() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let sanctions = try await f.count("sanctions WHERE establishment_id = \(bind: e) AND school_year_id = 1")
            let heads = try await app.sql.raw("""
                SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(bind: e) AND kind = 'head' ORDER BY account_id
                """).all(decodingColumn: "account_id", as: Int.self)
            // act
            _ = try await f.run()
            let attachment = try await app.sql.raw("""
                SELECT f.sha256, a.message_id FROM mail_attachments a JOIN files f ON f.id = a.file_id
                WHERE a.name = 'sanctions-2025-2026.csv'
                """).first()
            let sha = try attachment?.decode(column: "sha256", as: String.self) ?? ""
            let message = try attachment?.decode(column: "message_id", as: Int.self) ?? -1
            let csv = try FileStore(dataDirectory: app.configuration.dataDirectory).read(sha256: sha)
            let recipients = try await app.sql.raw("SELECT account_id FROM mail_deliveries WHERE message_id = \(bind: message) ORDER BY account_id")
                .all(decodingColumn: "account_id", as: Int.self)
            // check
            #expect(sanctions > 0)
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.first == "Élève;Classe;Date;Sanction;Motif;Décision")
            #expect(lines.count == sanctions + 1)
            #expect(recipients == heads && !heads.isEmpty)
        }
    }

    @Test("Mail, groups, accounts: unfiled inboxes hidden with the year, limited manual groups end with it, non-perennial manual accounts disabled")
    func directoryAndMail() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let manual = try await app.sql.raw("""
                SELECT id, is_perennial FROM accounts WHERE source = 'manual' AND is_operator = \(bind: false)
                AND id IN (SELECT account_id FROM profiles WHERE establishment_id = \(bind: e))
                """).all()
            let deliveries = try await f.count("mail_deliveries")
            let student = try f.academy.studentA.requireID()
            let unfiled: SQLQueryString = "mail_deliveries WHERE account_id = \(bind: student) AND folder_id IS NULL AND school_year_id = 1"
            let archived = try await f.count("\(unfiled) AND is_archived = \(bind: true)")
            let inboxBefore = try await app.call(.GET, "api/v1/mail/inbox", as: try await app.logIn(f.academy.studentA))
                .decode([MailAPI.Summary].self)
            // act
            _ = try await f.run(f.engine.establishments([]).map(\.uai))
            let lastYearInbox = try await app.call(.GET, "api/v1/mail/inbox?year=2025-2026", as: try await app.logIn(f.academy.studentA))
                .decode([MailAPI.Summary].self)
            // check
            #expect(inboxBefore.count == min(500, try await f.count(unfiled)))
            #expect(try await f.count(unfiled) > archived)
            #expect(lastYearInbox.count == archived)
            #expect(lastYearInbox.allSatisfy { $0.isArchived == true })
            for row in manual {
                let id = try row.decode(column: "id", as: Int.self)
                let perennial = try row.decode(column: "is_perennial", as: Bool.self)
                let state = try await app.sql.raw("SELECT state FROM accounts WHERE id = \(bind: id)").first(decodingColumn: "state", as: String.self)
                #expect(state == (perennial ? "active" : "left"))
            }
            #expect(manual.contains { (try? $0.decode(column: "is_perennial", as: Bool.self)) == false })
            // nothing deleted at the change itself: the purge does that once the window has passed
            #expect(try await f.count("mail_deliveries") >= deliveries)
            let current = try await app.sql.raw("SELECT id FROM school_years WHERE state = 'current'").first(decodingColumn: "id", as: Int.self)
            #expect(current == 2)
            let groups = try await DirectoryQueries(db: app.db).groups(of: e, yearID: 2)
            #expect(groups.allSatisfy { $0.lifetime == .unlimited })
            #expect(!groups.isEmpty)
        }
    }

    @Test("Moodle: categories of teachers no longer in the directory go to the bin, hidden; others stay. GAR starts empty; settings are kept")
    func moodleGarKeep() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let keptTables = ServiceSchema.all.filter { !$0.isYearBound && $0.scope == .establishment && $0.name != "sections" }
            var keptBefore: [String: Int] = [:]
            for table in keptTables { keptBefore[table.name] = try await f.count("\(ident: table.name) WHERE establishment_id = \(bind: e)") }
            let preferences = try await f.count("preferences")
            // act
            _ = try await f.run(f.engine.establishments([]).map(\.uai))
            // check
            #expect(try await f.count("""
                moodle_categories WHERE establishment_id = \(bind: e) AND teacher_id IN (SELECT account_id FROM profiles WHERE school_year_id = 2)
                AND (in_recycle_bin = \(bind: true) OR is_hidden = \(bind: true))
                """) == 0)
            #expect(try await f.count("""
                moodle_categories WHERE establishment_id = \(bind: e) AND teacher_id NOT IN (SELECT account_id FROM profiles WHERE school_year_id = 2)
                AND (in_recycle_bin = \(bind: false) OR is_hidden = \(bind: false))
                """) == 0)
            #expect(try await f.count("moodle_categories WHERE establishment_id = \(bind: e) AND in_recycle_bin = \(bind: true)") > 0)
            #expect(try await f.count("gar_assignments WHERE school_year_id = 2") == 0)
            #expect(try await f.count("gar_assignments WHERE school_year_id = 1") > 0)
            for table in keptTables {
                #expect(try await f.count("\(ident: table.name) WHERE establishment_id = \(bind: e)") == keptBefore[table.name], "\(table.name)")
            }
            #expect(try await f.count("preferences") == preferences)
        }
    }

    @Test("Timetable: the year that ends keeps its courses read with it; the new year has none until its own import")
    func timetable() async throws {
        try await withTestApp { app in
            // setup
            let f = try await YearChangeFixture.make(app)
            let e = f.establishmentA
            let tables = ["timetable_courses", "timetable_course_teachers", "timetable_slots", "timetable_holidays"]
            func counts() async throws -> [Int] {
                [try await f.count("timetable_courses WHERE establishment_id = \(bind: e) AND school_year_id = 1"),
                 try await f.count("timetable_course_teachers WHERE course_id IN (SELECT id FROM timetable_courses WHERE establishment_id = \(bind: e))"),
                 try await f.count("timetable_slots WHERE establishment_id = \(bind: e) AND school_year_id = 1"),
                 try await f.count("timetable_holidays WHERE establishment_id = \(bind: e) AND school_year_id = 1")]
            }
            let before = try await counts()
            let plan = try await f.engine.plan(from: YearChangeFixture.from, uais: [f.uaiA], asOf: YearChangeFixture.asOf)
            // act
            _ = try await f.run()
            // check
            #expect(before.allSatisfy { $0 > 0 }, "\(tables)")
            #expect(plan[0].steps.first { $0.step == "keep_timetable" }?.rows == before[0])
            #expect(try await counts() == before)
            for table in ["timetable_courses", "timetable_slots", "timetable_calendars"] {
                #expect(try await f.count("\(ident: table) WHERE establishment_id = \(bind: e) AND school_year_id = 2") == 0, "\(table)")
            }
        }
    }
}
