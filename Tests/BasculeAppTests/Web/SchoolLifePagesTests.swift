import BasculeDomain
import BasculeStorage
import Fluent
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

@Suite("Vie scolaire pages: the roll call, a student's year, the office's absences and statistics")
struct SchoolLifePagesTests {
    /// The scenario's timetable imported (Monday 8 h – 9 h for the class, with `teacherA`), its
    /// students able to sign in; the test clock is Monday 15 June 2026 at 10 h in Paris.
    static func scenario(_ app: Application) async throws -> (TimetableScenario, course: Int) {
        let scenario = try await TimetableScenario.make(app)
        _ = try await scenario.run(scenario.export(), on: app)
        // No entry deadline unless a test sets one.
        try await app.sql.raw("DELETE FROM roll_call_settings WHERE establishment_id = \(bind: scenario.academy.establishmentA.requireID())").run()
        for student in scenario.students {
            student.passwordHash = try Bcrypt.hash(TestAcademy.password, cost: 4)
            try await student.save(on: app.db)
        }
        let course = try #require(try await app.sql.raw("""
            SELECT c.id FROM timetable_courses c JOIN timetable_course_teachers t ON t.course_id = c.id
            WHERE t.teacher_id = \(bind: scenario.teacher.requireID()) ORDER BY c.id LIMIT 1
            """).first(decodingColumn: "id", as: Int.self))
        return (scenario, course)
    }

    static let day = "2026-06-15"

    @Test("A teacher takes a course's roll call: absent with a reason, late, then corrected; the students read it")
    func rollCall() async throws {
        try await withTestApp { app in
            // setup
            let (s, course) = try await Self.scenario(app)
            let teacher = try await app.logIn(s.teacher)
            let (absent, late, present) = (try s.students[0].requireID(), try s.students[1].requireID(), try s.students[2].requireID())
            let reason = try #require(try await app.sql.raw("""
                INSERT INTO absence_reasons (establishment_id, code, label, is_justified)
                VALUES (\(bind: s.academy.establishmentA.requireID()), 'MAL', 'Maladie', \(bind: true)) RETURNING id
                """).first(decodingColumn: "id", as: Int.self))
            let path = "vie-scolaire/appel/\(course)?etablissement=\(s.uai)&jour=\(Self.day)"
            let before = try await app.call(.GET, "vie-scolaire/appel?etablissement=\(s.uai)&jour=\(Self.day)", as: teacher).body.string
            let form = try await app.call(.GET, path, as: teacher).body.string
            // act
            let taken = try await app.submit(path, as: teacher, fields: [
                ("etat-\(absent)", "absent"), ("motif-\(absent)", String(reason)), ("etat-\(late)", "retard"), ("motif-\(late)", ""),
                ("etat-\(present)", "present"),
            ])
            let noted = try await app.sql.raw("""
                SELECT a.student_id, a.kind, a.reason_id, a.is_justified, s.held_on, s.slot, s.taken_at FROM absences a
                JOIN roll_call_sheets s ON s.id = a.sheet_id ORDER BY a.student_id
                """).all()
            let after = try await app.call(.GET, "vie-scolaire/appel?etablissement=\(s.uai)&jour=\(Self.day)", as: teacher).body.string
            let byLate = try await app.call(.GET, "vie-scolaire/suivi?etablissement=\(s.uai)", as: try await app.logIn(s.students[1])).body.string
            let corrected = try await app.submit(path, as: teacher, fields: [("etat-\(absent)", "present"), ("etat-\(late)", "retard")])
            let left = try await app.sql.raw("SELECT student_id FROM absences").all(decodingColumn: "student_id", as: Int.self)
            let sheets = try await app.sql.raw("SELECT COUNT(*) AS n FROM roll_call_sheets").first(decodingColumn: "n", as: Int.self)
            // check
            #expect(before.contains("Appel à faire") && before.contains("8\u{A0}h – 9\u{A0}h"))
            #expect(form.contains("name=\"etat-\(absent)\"") && form.contains("name=\"motif-\(present)\""))
            #expect(taken.status == .seeOther)
            #expect(noted.count == 2)
            #expect(try noted[0].decode(column: "student_id", as: Int.self) == absent)
            #expect(try noted[0].decode(column: "kind", as: String.self) == "absence")
            #expect(try noted[0].decode(column: "reason_id", as: Int?.self) == reason)
            #expect(try noted[0].decode(column: "is_justified", as: Bool.self))
            #expect(try noted[1].decode(column: "kind", as: String.self) == "late")
            #expect(try noted[1].decode(column: "held_on", as: String.self) == Self.day)
            #expect(try noted[1].decode(column: "slot", as: String.self) == "08:00-09:00")
            #expect(try noted[1].decode(column: "taken_at", as: String.self) == TestClock.now)
            #expect(after.contains("Appel fait le 15\u{A0}juin 2026 à 10\u{A0}h"))
            #expect(byLate.contains("1 retard") && byLate.contains("0 absence") && byLate.contains("non justifiée"))
            #expect(corrected.status == .seeOther && left == [late] && sheets == 1)
        }
    }

    @Test("The roll call is refused to whoever does not teach the course, ahead of the day, past the deadline, and for a student not in it")
    func rollCallRefusals() async throws {
        try await withTestApp { app in
            // setup
            let (s, course) = try await Self.scenario(app)
            let teacher = try await app.logIn(s.teacher)
            let student = try s.students[0].requireID()
            let path = "vie-scolaire/appel/\(course)?etablissement=\(s.uai)&jour=\(Self.day)"
            let outsider = try #require(try await app.sql.raw("""
                SELECT account_id FROM profiles WHERE establishment_id = \(bind: s.academy.establishmentA.requireID()) AND kind = 'student'
                AND account_id NOT IN (SELECT account_id FROM class_memberships WHERE class_id = \(bind: s.schoolClass.requireID()))
                ORDER BY account_id LIMIT 1
                """).first(decodingColumn: "account_id", as: Int.self))
            // act
            let byStudent = try await app.call(.GET, "vie-scolaire/appel?etablissement=\(s.uai)", as: try await app.logIn(s.students[0]))
            let byHead = try await app.call(.GET, path, as: try await app.logIn(s.academy.headA))
            let ahead = try await app.submit("vie-scolaire/appel/\(course)?etablissement=\(s.uai)&jour=2026-06-22", as: teacher,
                                             fields: [("etat-\(student)", "absent")])
            let stranger = try await app.submit(path, as: teacher, fields: [("etat-\(outsider)", "absent")])
            let unknownState = try await app.submit(path, as: teacher, fields: [("etat-\(student)", "malade")])
            try await app.sql.raw("DELETE FROM roll_call_settings WHERE establishment_id = \(bind: s.academy.establishmentA.requireID())").run()
            try await app.sql.raw("""
                INSERT INTO roll_call_settings (establishment_id, entry_deadline_minutes, late_after_minutes, notify_parents)
                VALUES (\(bind: s.academy.establishmentA.requireID()), 30, 10, \(bind: false))
                """).run()
            let late = try await app.submit(path, as: teacher, fields: [("etat-\(student)", "absent")])
            let latePage = try await app.call(.GET, path, as: teacher).body.string
            let rows = try await app.sql.raw("SELECT COUNT(*) AS n FROM absences").first(decodingColumn: "n", as: Int.self)
            // check
            #expect(byStudent.status == .forbidden && byHead.status == .forbidden)
            #expect(ahead.status == .forbidden)
            #expect(stranger.status == .badRequest && unknownState.status == .badRequest)
            #expect(late.status == .forbidden && latePage.contains("15\u{A0}juin 2026 à 9\u{A0}h\u{A0}30"))
            #expect(!latePage.contains("Enregistrer l'appel"))
            #expect(rows == 0)
        }
    }

    @Test("The office lists and justifies absences; a parent reads their child's year only; teachers do not handle the office's list")
    func office() async throws {
        try await withTestApp { app in
            // setup
            let f = try await ServiceFixtures.make(app, withActivity: true)
            let e = try f.academy.establishmentA.requireID()
            let staff = try await app.logIn(f.academy.staffA)
            let child = try f.academy.studentA.requireID()
            let latest = try #require(try await app.sql.raw("""
                SELECT id, starts_at FROM absences WHERE establishment_id = \(bind: e) AND student_id = \(bind: child)
                ORDER BY starts_at DESC, id DESC LIMIT 1
                """).first())
            let absence = try latest.decode(column: "id", as: Int.self)
            let day = String(try latest.decode(column: "starts_at", as: String.self).prefix(10))
            let reason = try #require(try await app.sql.raw("""
                SELECT id FROM absence_reasons WHERE establishment_id = \(bind: e) ORDER BY id LIMIT 1
                """).first(decodingColumn: "id", as: Int.self))
            let foreignReason = try #require(try await app.sql.raw("""
                SELECT id FROM absence_reasons WHERE establishment_id <> \(bind: e) ORDER BY id LIMIT 1
                """).first(decodingColumn: "id", as: Int.self))
            let inClass = try await app.sql.raw("""
                SELECT COUNT(*) AS n FROM absences a WHERE a.establishment_id = \(bind: e) AND a.school_year_id = 1 AND a.student_id IN
                (SELECT account_id FROM class_memberships WHERE class_id = \(bind: f.classOfStudentA))
                """).first(decodingColumn: "n", as: Int.self) ?? 0
            // act
            let list = try await app.call(.GET, "vie-scolaire/absences?etablissement=\(f.uaiA)&classe=\(f.classOfStudentA)", as: staff).body.string
            let thatDay = try await app.call(.GET, "vie-scolaire/absences?etablissement=\(f.uaiA)&du=\(day)&au=\(day)", as: staff).body.string
            let justified = try await app.submit("vie-scolaire/absences/\(absence)?etablissement=\(f.uaiA)", as: staff, fields: [
                ("motif-\(absence)", String(reason)), ("justifiee", "1"), ("retour", "https://ailleurs.example/"),
            ])
            let foreign = try await app.submit("vie-scolaire/absences/\(absence)?etablissement=\(f.uaiA)", as: staff,
                                               fields: [("motif-\(absence)", String(foreignReason)), ("justifiee", "1")])
            let row = try await app.sql.raw("SELECT reason_id, is_justified FROM absences WHERE id = \(bind: absence)").first()
            let byTeacher = try await app.call(.GET, "vie-scolaire/absences?etablissement=\(f.uaiA)", as: try await app.logIn(f.academy.teacherA))
            let teacherJustifies = try await app.submit("vie-scolaire/absences/\(absence)?etablissement=\(f.uaiA)",
                                                        as: try await app.logIn(f.academy.teacherA), fields: [("justifiee", "")])
            let parent = try await app.logIn(f.academy.parentA)
            let byParent = try await app.call(.GET, "vie-scolaire/suivi?etablissement=\(f.uaiA)", as: parent).body.string
            let otherChild = try await app.call(.GET, "vie-scolaire/suivi?etablissement=\(f.uaiA)&eleve=\(try f.otherStudentA.requireID())", as: parent)
            let statistics = try await app.call(.GET, "vie-scolaire/statistiques?etablissement=\(f.uaiA)&classe=\(f.classOfStudentA)", as: staff).body.string
            // check
            #expect(list.contains("\(French.count(inClass, "ligne")) pour l'année"))
            #expect(list.contains("<option value>Toutes</option>"))
            #expect(thatDay.contains("id=\"absence-\(absence)\""))
            #expect(justified.status == .seeOther && justified.headers.first(name: .location)?.hasPrefix("/vie-scolaire/absences?") == true)
            #expect(foreign.status == .badRequest)
            #expect(try row?.decode(column: "reason_id", as: Int?.self) == reason)
            #expect(try row?.decode(column: "is_justified", as: Bool.self) == true)
            #expect(byTeacher.status == .forbidden && teacherJustifies.status == .forbidden)
            #expect(byParent.contains("Vie scolaire de \(f.academy.studentA.firstName) \(f.academy.studentA.lastName)"))
            #expect(otherChild.status == .forbidden)
            #expect(statistics.contains("\(French.count(inClass, "absence ou retard", "absences ou retards")), dont"))
        }
    }

    @Test("Administrators edit the settings kept across years; the personnel read them; a bad deadline changes nothing")
    func settings() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app)
            let uai = academy.establishmentA.uai.code, e = try academy.establishmentA.requireID()
            let admin = try await app.logIn(academy.adminA), teacher = try await app.logIn(academy.teacherA)
            let base = "vie-scolaire/parametres"
            // act
            let added = try await app.submit("\(base)/motifs-absence?etablissement=\(uai)", as: admin,
                                             fields: [("libelle", "Rendez-vous <médical>"), ("code", "RDV"), ("justifie", "1")])
            let byTeacher = try await app.submit("\(base)/motifs-punition?etablissement=\(uai)", as: teacher, fields: [("libelle", "x")])
            let reason = try #require(try await app.sql.raw("""
                SELECT id, is_justified FROM absence_reasons WHERE establishment_id = \(bind: e) AND code = 'RDV'
                """).first())
            let id = try reason.decode(column: "id", as: Int.self)
            let readByTeacher = try await app.call(.GET, "\(base)?etablissement=\(uai)", as: teacher).body.string
            let deadline = try await app.submit("\(base)/appel?etablissement=\(uai)", as: admin, fields: [("delai", "45"), ("retard", "10")])
            let tooLong = try await app.submit("\(base)/appel?etablissement=\(uai)", as: admin, fields: [("delai", "5000"), ("retard", "10")])
            let settings = try await app.sql.raw("SELECT entry_deadline_minutes, notify_parents FROM roll_call_settings WHERE establishment_id = \(bind: e)").all()
            let confirm = try await app.call(.GET, "\(base)/motifs-absence/\(id)/suppression?etablissement=\(uai)", as: admin).body.string
            let removedByTeacher = try await app.submit("\(base)/motifs-absence/\(id)/suppression?etablissement=\(uai)", as: teacher)
            let removed = try await app.submit("\(base)/motifs-absence/\(id)/suppression?etablissement=\(uai)", as: admin)
            let left = try await app.sql.raw("SELECT COUNT(*) AS n FROM absence_reasons WHERE id = \(bind: id)").first(decodingColumn: "n", as: Int.self)
            // check
            #expect(added.status == .seeOther)
            #expect(try reason.decode(column: "is_justified", as: Bool.self))
            #expect(byTeacher.status == .forbidden)
            #expect(readByTeacher.contains("Rendez-vous &lt;médical&gt; (RDV) — justifie l'absence") && !readByTeacher.contains("Ajouter"))
            #expect(deadline.status == .seeOther && tooLong.status == .badRequest)
            #expect(settings.count == 1)
            #expect(try settings.first?.decode(column: "entry_deadline_minutes", as: Int.self) == 45)
            #expect(confirm.contains("Oui, supprimer"))
            #expect(removedByTeacher.status == .forbidden && removed.status == .seeOther && left == 0)
        }
    }
}
