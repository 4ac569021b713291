import BasculeDomain
import BasculeStorage
import Vapor

/// `/vie-scolaire`: the teacher's roll calls, the office's absences, the personnel's
/// statistics, and a student's year for the student, their parents and the personnel.
struct SchoolLifeWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let life = routes.grouped("vie-scolaire")
        life.get(use: home)
        life.get("appel", use: courses)
        life.get("appel", ":id", use: sheet)
        life.get("suivi", use: record)
        life.get("absences", use: absences)
        life.get("statistiques", use: statistics)
        let forms = life.grouped(CSRFMiddleware())
        forms.post("appel", ":id", use: take)
        forms.post("absences", ":id", use: justify)
    }

    func home(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        guard let home = SchoolLifeMenu(viewer, establishmentID: establishment.id, uai: establishment.uai).home else {
            throw Abort(.forbidden, reason: "La vie scolaire est réservée aux personnels, aux élèves et à leurs parents.")
        }
        return req.redirect(to: home)
    }

    private func menu(_ viewer: Viewer, _ establishment: (id: Int, uai: String, name: String)) -> SchoolLifeMenu {
        SchoolLifeMenu(viewer, establishmentID: establishment.id, uai: establishment.uai)
    }

    private func day(_ req: Request) throws -> CalendarDate {
        guard let text = req.query[String.self, at: "jour"], !text.isEmpty else { return req.clock.today }
        return try AgendaWebRoutes.date(text)
    }

    func courses(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let day = try day(req)
        let courses = try await RollCallStore(viewer: viewer, db: req.db).courses(on: day, in: establishment.id)
        return RollCallPage.courses(courses, day: day, today: req.clock.today, menu: menu(viewer, establishment),
                                    context: req.pageContext(viewer)).response()
    }

    func sheet(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let day = try day(req)
        let sheet = try await RollCallStore(viewer: viewer, db: req.db)
            .sheet(course: try req.parameters.require("id", as: Int.self), on: day, in: establishment.id, now: req.clock.now)
        return RollCallPage.sheet(sheet, day: day, menu: menu(viewer, establishment), context: req.pageContext(viewer)).response()
    }

    func take(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let day = try day(req)
        let course = try req.parameters.require("id", as: Int.self)
        let fields = try req.content.decode([String: String].self)
        var marks: [Int: RollCallStore.Mark] = [:]
        for (name, value) in fields where name.hasPrefix("etat-") {
            guard let student = Int(name.dropFirst(5)) else { throw Abort(.badRequest, reason: "Champ « \(name) » inconnu.") }
            guard let state = RollCallPage.states.first(where: { $0.value == value }) else {
                throw Abort(.badRequest, reason: "État « \(value) » inconnu pour l'élève \(student)\u{A0}: présent, absent ou retard.")
            }
            guard let kind = state.kind else { continue }
            let reason = fields["motif-\(student)"].flatMap { $0.isEmpty ? nil : Int($0) }
            marks[student] = RollCallStore.Mark(kind: kind, reasonID: reason)
        }
        try await RollCallStore(viewer: viewer, db: req.db).take(course: course, on: day, marks: marks, in: establishment.id, now: req.clock.now)
        let absent = marks.values.filter { $0.kind == .absence }.count, late = marks.count - absent
        return req.redirect(to: RollCallPage.path(uai: establishment.uai, course: course, day: day) + "#feuille",
                            notice: "Appel enregistré\u{A0}: \(French.count(absent, "absent")), \(French.count(late, "retard")).")
    }

    func record(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let children = try await req.followedStudents(viewer, in: establishment.id)
        guard let student = req.query[Int.self, at: "eleve"] ?? children.first?.id else {
            throw Abort(.notFound, reason: "Choisissez un élève depuis la liste des absences.")
        }
        let record = try await SchoolLifeStore(viewer: viewer, db: req.db).record(of: student, in: establishment.id)
        return StudentRecordPage.page(record, studentID: student, children: children, menu: menu(viewer, establishment),
                                      context: req.pageContext(viewer)).response()
    }

    private func period(_ req: Request) throws -> (classID: Int?, from: CalendarDate?, to: CalendarDate?) {
        func date(_ name: String) throws -> CalendarDate? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            return try AgendaWebRoutes.date(text)
        }
        return (req.query[String.self, at: "classe"].flatMap { Int($0) }, try date("du"), try date("au"))
    }

    func absences(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let (classID, from, to) = try period(req)
        let filter = SchoolLifeStore.OfficeFilter(
            classID: classID, from: from, to: to, kind: req.query[String.self, at: "nature"].flatMap(AbsenceKind.init(rawValue:)),
            onlyUnjustified: req.query[String.self, at: "a-justifier"] == "1", page: req.query[Int.self, at: "page"] ?? 1)
        let store = SchoolLifeStore(viewer: viewer, db: req.db)
        let listing = try await store.officeAbsences(in: establishment.id, filter: filter)
        let content = AbsencesOfficePage.Content(uai: establishment.uai, listing: listing, filter: filter,
                                                 classes: try await store.classes(in: establishment.id), menu: menu(viewer, establishment))
        return AbsencesOfficePage.page(content, context: req.pageContext(viewer)).response()
    }

    struct JustifyForm: Content {
        var justifiee: String?
        var retour: String?
    }

    func justify(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.content.decode(JustifyForm.self)
        let reason = try req.content.decode([String: String].self)["motif-\(id)"].flatMap { $0.isEmpty ? nil : Int($0) }
        try await SchoolLifeStore(viewer: viewer, db: req.db)
            .justify(absence: id, reasonID: reason, isJustified: form.justifiee == "1", in: establishment.id)
        // Back to the same filtered page, never elsewhere.
        let back = form.retour.flatMap { $0.hasPrefix("/vie-scolaire/absences?") ? $0 : nil }
            ?? SchoolLifeMenu.path("absences", uai: establishment.uai)
        return req.redirect(to: back + "#absence-\(id)", notice: form.justifiee == "1" ? "Absence justifiée." : "Absence enregistrée, non justifiée.")
    }

    func statistics(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let (classID, from, to) = try period(req)
        let scope = SchoolLifeStatistics.Scope(classID: classID, from: from, to: to)
        let statistics = try await SchoolLifeStatisticsStore(viewer: viewer, db: req.db)
            .statistics(establishmentID: establishment.id, year: nil, scope: scope)
        return SchoolLifeStatisticsPage.page(statistics, scope: scope, classes: try await SchoolLifeStore(viewer: viewer, db: req.db).classes(in: establishment.id),
                                             menu: menu(viewer, establishment), context: req.pageContext(viewer)).response()
    }
}
