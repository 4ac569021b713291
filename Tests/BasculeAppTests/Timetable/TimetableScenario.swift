import BasculeDomain
import BasculeStorage
import Fluent
import Vapor

/// A class of establishment A with its students, one of its teachers and a subject, and a
/// timetable export written by hand for them: what the importer tests start from.
struct TimetableScenario {
    let academy: TestAcademy
    let schoolClass: SchoolClass
    let students: [Account]
    let teacher: Account
    let subject: Subject
    let uai: String
    let year: SchoolYearName
    let operatorViewer: Viewer

    static let calendar = TimetableCalendar(startsOn: try! CalendarDate(iso: "2025-09-01"), endsOn: try! CalendarDate(iso: "2026-07-04"),
                                            firstWeekMonday: try! CalendarDate(iso: "2025-09-01"))

    static func make(_ app: Application) async throws -> TimetableScenario {
        let academy = try await TestAcademy.make(app)
        let establishmentID = try academy.establishmentA.requireID()
        let schoolClass = try await SchoolClass.query(on: app.db).filter(\.$establishment.$id == establishmentID)
            .sort(\.$code).first()!
        let memberIDs = try await ClassMembership.query(on: app.db).filter(\.$schoolClass.$id == schoolClass.requireID())
            .sort(\.$account.$id).all(\.$account.$id)
        let students = try await Account.query(on: app.db).filter(\.$id ~~ Array(memberIDs.prefix(3))).sort(\.$id).all()
        let year = try await schoolClass.$schoolYear.get(on: app.db)
        let subject = try await Subject.query(on: app.db).filter(\.$schoolYear.$id == year.requireID()).sort(\.$code).first()!
        return TimetableScenario(academy: academy, schoolClass: schoolClass, students: students, teacher: academy.teacherA,
                                 subject: subject, uai: academy.establishmentA.uai.description, year: year.name,
                                 operatorViewer: try await ViewerStore(db: app.db).viewer(for: academy.operatorAccount))
    }

    /// The file's spelling of a person: upper-case, without accents, as timetable software write them.
    static func person(_ key: String, _ account: Account, memberships: [TimetableMembership] = []) -> TimetablePerson {
        TimetablePerson(key: key, lastName: account.lastName.uppercased(),
                        firstName: account.firstName.folding(options: .diacriticInsensitive, locale: nil),
                        birthDate: account.birthDate, memberships: memberships)
    }

    /// Monday 08:00–09:00 for the class with the teacher, every week of `weeks`; students leave
    /// the class on `exit`.
    func export(weeks: ClosedRange<Int> = 1...44, startsAt: String = "08:00", endsAt: String = "09:00",
                exit: String? = "2026-07-04", groupCourse: Bool = false) -> TimetableExport {
        let exitDate = exit.map { try! CalendarDate(iso: $0) }
        let start = try! CalendarDate(iso: "2025-09-01")
        let students = students.enumerated().map { index, account in
            Self.person("E\(index)", account, memberships: [
                TimetableMembership(target: .schoolClass("C1"), startsOn: start, endsOn: exitDate),
                TimetableMembership(target: .group("G1"), startsOn: start, endsOn: exitDate),
            ])
        }
        var courses = [TimetableCourse(day: 1, startsAt: TimeOfDay(text: startsAt)!, endsAt: TimeOfDay(text: endsAt)!,
                                       subjectKey: "M1", teacherKeys: ["P1"], classKeys: ["C1"], groupKeys: [],
                                       roomKeys: ["S1"], weeks: TimetableWeeks(weeks), origin: "Cours n° 1")]
        if groupCourse {
            courses.append(TimetableCourse(day: 3, startsAt: TimeOfDay(text: "10:00")!, endsAt: TimeOfDay(text: "11:00")!,
                                           subjectKey: "M1", teacherKeys: ["P1"], classKeys: [], groupKeys: ["G1"],
                                           roomKeys: [], weeks: TimetableWeeks(weeks), origin: "Cours n° 2"))
        }
        return TimetableExport(
            source: TimetableSource(software: .edt, product: "EDT 2019", version: "1.1"), uai: uai, calendar: Self.calendar,
            slots: [TimetableSlot(number: 0, startsAt: TimeOfDay(text: "08:00")!, endsAt: TimeOfDay(text: "09:00")!)],
            subjects: [TimetableExportSubject(key: "M1", code: subject.code, label: subject.label)],
            teachers: [Self.person("P1", teacher)],
            classes: [TimetableExportClass(key: "C1", name: schoolClass.code.lowercased())],
            groups: [TimetableExportGroup(key: "G1", name: "\(schoolClass.code) LATIN")],
            rooms: [TimetableRoom(key: "S1", name: "101")], students: students, courses: courses, hasStudentMemberships: true)
    }

    func run(_ export: TimetableExport, on app: Application, mode: TimetableMode? = nil, dryRun: Bool = false,
             now: String = "2025-08-25", as viewer: Viewer? = nil) async throws -> TimetableImportReport {
        let request = TimetableImporter.Request(
            export: export, fileName: "edt.xml", uai: uai, year: year, mode: mode, isDryRun: dryRun,
            now: TimetableMoment(date: try CalendarDate(iso: now), time: TimeOfDay(text: "12:00")!))
        return try await TimetableImporter(db: app.db).run(request, by: viewer ?? operatorViewer, at: "\(now)T12:00:00")
    }
}
