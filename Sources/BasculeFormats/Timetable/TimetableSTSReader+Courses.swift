import BasculeDomain

/// The courses of `emp_sts`: listed under each teacher of a service, so a co-taught course
/// comes once per teacher and is merged back into one.
struct TimetableSTSCourses {
    enum Audience { case schoolClass(String), group(String) }

    let reader: TimetableSTSReader
    let alternances: [String: TimetableWeeks]
    var classes: [TimetableExportClass] = []
    var groups: [TimetableExportGroup] = []
    var courses: [TimetableCourse] = []
    var teacherKeys: [String] = []
    var subjectKeys: [String] = []
    var roomKeys: [String] = []

    init(reader: TimetableSTSReader, alternances: [String: TimetableWeeks]) {
        self.reader = reader
        self.alternances = alternances
    }

    /// "0830" → 510 minutes; STS-Web writes times and durations as HHMM.
    private static func minutes(_ text: String?) -> Int? {
        guard let text, text.count == 4, let number = Int(text), number >= 0, number % 100 < 60 else { return nil }
        return number / 100 * 60 + number % 100
    }

    mutating func services(of node: TimetableXMLNode, audience: Audience) throws(TimetableFileError) {
        for service in node.child(named: "SERVICES")?.children(named: "SERVICE") ?? [] {
            let subject = service.attribute("CODE_MATIERE").flatMap { $0.isEmpty ? nil : $0 }
            if let subject, !subjectKeys.contains(subject) { subjectKeys.append(subject) }
            for teacher in service.child(named: "ENSEIGNANTS")?.children(named: "ENSEIGNANT") ?? [] {
                let id = teacher.attribute("ID").flatMap { $0.isEmpty ? nil : $0 }
                if let id, !teacherKeys.contains(id) { teacherKeys.append(id) }
                for course in teacher.child(named: "COURS_RATTACHES")?.children(named: "COURS") ?? [] {
                    try add(course, subject: subject, teacher: id, audience: audience)
                    guard courses.count <= reader.limits.maxCourses else {
                        throw reader.fail(course, "plus de \(reader.limits.maxCourses) cours (limite maxCourses)")
                    }
                }
            }
        }
    }

    private mutating func add(_ node: TimetableXMLNode, subject: String?, teacher: String?, audience: Audience) throws(TimetableFileError) {
        guard let day = node.text(at: "JOUR").flatMap({ Int($0) }), (1...7).contains(day) else {
            throw reader.fail(node, "cours sans jour valide (JOUR attendu de 1 à 7, lu « \(node.text(at: "JOUR") ?? "") »)")
        }
        guard let start = Self.minutes(node.text(at: "HEURE_DEBUT")), let duration = Self.minutes(node.text(at: "DUREE")),
              duration > 0, start + duration <= 24 * 60 else {
            throw reader.fail(node, "cours sans heure de début ou durée lisible (HEURE_DEBUT et DUREE attendues en HHMM, ex. 0830)")
        }
        let code = node.text(at: "CODE_ALTERNANCE") ?? ""
        guard let weeks = alternances[code] else {
            throw reader.fail(node, "alternance « \(code) » inconnue (absente de ALTERNANCES)")
        }
        let room = node.text(at: "CODE_SALLE")
        if let room, !roomKeys.contains(room) { roomKeys.append(room) }
        var course = TimetableCourse(day: day, startsAt: TimeOfDay(minutes: start), endsAt: TimeOfDay(minutes: start + duration),
                                     subjectKey: subject, teacherKeys: teacher.map { [$0] } ?? [], classKeys: [], groupKeys: [],
                                     roomKeys: room.map { [$0] } ?? [], weeks: weeks, origin: "COURS (ligne \(node.line))")
        switch audience {
        case .schoolClass(let key): course.classKeys = [key]
        case .group(let key): course.groupKeys = [key]
        }
        if let index = courses.firstIndex(where: { Self.sameLesson($0, course) }) {
            courses[index].teacherKeys += course.teacherKeys.filter { !courses[index].teacherKeys.contains($0) }
        } else {
            courses.append(course)
        }
    }

    /// Everything but the teacher: the same lesson seen from another co-teacher's service.
    private static func sameLesson(_ a: TimetableCourse, _ b: TimetableCourse) -> Bool {
        a.day == b.day && a.startsAt == b.startsAt && a.endsAt == b.endsAt && a.subjectKey == b.subjectKey
            && a.classKeys == b.classKeys && a.groupKeys == b.groupKeys && a.roomKeys == b.roomKeys && a.weeks == b.weeks
    }
}
