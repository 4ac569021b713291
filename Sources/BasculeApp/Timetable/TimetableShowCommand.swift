import BasculeDomain
import BasculeStorage
import Vapor

/// `bascule timetable …`: the timetables as the console reads them.
struct TimetableCommands: AsyncCommandGroup {
    var help: String { "Emplois du temps : consulter une semaine." }
    var commands: [String: any AnyAsyncCommand] { ["show": TimetableShowCommand()] }
}

/// `bascule timetable show --establishment UAI (--class NAME | --teacher ID | --student ID | --room ID) --week YYYY-MM-DD [--json]`
struct TimetableShowCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "establishment", help: "UAI de l'établissement.")
        var establishment: String?
        @Option(name: "class", help: "Code de la classe, ex. 3A.")
        var schoolClass: String?
        @Option(name: "teacher", help: "Identifiant du compte de l'enseignant.")
        var teacher: Int?
        @Option(name: "student", help: "Identifiant du compte de l'élève.")
        var student: Int?
        @Option(name: "room", help: "Identifiant de la salle.")
        var room: Int?
        @Option(name: "week", help: "Un jour de la semaine voulue, AAAA-MM-JJ (par défaut aujourd'hui).")
        var week: String?
        @Option(name: "year", help: "Année scolaire, ex. 2025-2026 (par défaut celle de l'établissement).")
        var year: String?
        @Flag(name: "json", help: "Les séances en JSON (un tableau).")
        var json: Bool
    }

    var help: String { "Les séances d'une semaine pour une classe, un enseignant, un élève ou une salle, une par ligne." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard let uai = signature.establishment else {
            throw Abort(.badRequest, reason: "--establishment UAI est obligatoire")
        }
        let store = TimetableStore(viewer: try await ViewerStore(db: app.db).console(), db: app.db)
        let place = try await store.lookup(uai: uai, year: try signature.year.map { try SchoolYearName($0) })
        let target: TimetableTarget
        switch (signature.schoolClass, signature.teacher, signature.student, signature.room) {
        case (let code?, nil, nil, nil):
            target = .schoolClass(try await store.classID(code: code, in: place.establishmentID, yearID: place.yearID))
        case (nil, let id?, nil, nil): target = .teacher(id)
        case (nil, nil, let id?, nil): target = .student(id)
        case (nil, nil, nil, let id?): target = .room(id)
        default: throw Abort(.badRequest, reason: "donnez une seule des options --class, --teacher, --student ou --room")
        }
        let day: CalendarDate
        do { day = try signature.week.map { try CalendarDate(iso: $0) } ?? app.clock.today } catch {
            throw Abort(.badRequest, reason: "--week : attendu une date AAAA-MM-JJ")
        }
        let week = try await store.week(of: target, in: place.establishmentID, containing: day, yearID: place.yearID)
        if signature.json { return try printJSON(week.occurrences, on: context.console) }
        context.console.print("\(week.title) — semaine du \(week.monday.french)"
            + (week.schoolWeek.map { " (semaine \($0) de l'année)" } ?? ""))
        if !week.hasTimetable { context.console.print("Aucun emploi du temps importé.") }
        for holiday in week.holidays { context.console.print("\(holiday.label) : du \(holiday.startsOn.french) au \(holiday.endsOn.french)") }
        for occurrence in week.occurrences {
            let parts = [occurrence.date.iso, "\(occurrence.startsAt)-\(occurrence.endsAt)", occurrence.subject ?? "—",
                         occurrence.teachers.joined(separator: ", "), occurrence.audiences.joined(separator: ", "),
                         occurrence.rooms.joined(separator: ", ")]
            context.console.print(parts.joined(separator: "\t"))
        }
    }
}
