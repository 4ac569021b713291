import BasculeDomain

/// Fills one establishment's year, service by service (`ActivityBuilder+…` files). Volumes
/// follow the orders of magnitude of a real académie: per student about 25 absences, one
/// punishment, 55 marks; per teacher about 165 messages a year.
struct ActivityBuilder: Sendable {
    let roster: Roster
    let year: SchoolYearRow
    let subjectIDs: [Int]
    let subjects: [Int: SubjectRow]
    let fileIDs: [Int]
    var ids: ServiceIDs
    var rng: SeededRandom
    let mailShare: Double
    var rows = ServiceRows()
    /// Filled by the settings, drawn from by the year's records.
    var absenceReasons: [Int] = []
    var nonAssessmentReasons: [Int] = []
    var punishmentTypes: [Int] = []
    var punishmentReasons: [Int] = []
    var sanctionReasons: [Int] = []
    var sectionRoots: SectionRoots?

    init(roster: Roster, year: SchoolYearRow, subjects: [SubjectRow], fileIDs: [Int], ids: ServiceIDs, mailShare: Double = 1,
         rng: SeededRandom) {
        self.mailShare = mailShare
        self.roster = roster
        self.year = year
        self.subjectIDs = subjects.map(\.id)
        self.subjects = Dictionary(subjects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.fileIDs = fileIDs
        self.ids = ids
        self.rng = rng
    }

    mutating func build() {
        addSettings()
        addSections()
        addTeachingRecords()
        addMail()
        addStudentRecords()
        addPersonalServices()
        addLinks()
        addTimetable()
    }

    var establishment: ColumnValue { .int(Int64(roster.establishmentID)) }
    var schoolYear: ColumnValue { .int(Int64(roster.yearID)) }

    /// Adds a row (its id first) and returns the id.
    @discardableResult
    mutating func add(_ table: String, _ values: [ColumnValue]) -> Int {
        let id = ids.next(table)
        rows.append(table, [.int(Int64(id))] + values)
        return id
    }

    /// A school day (Monday to Friday) between the rentrée and early July.
    mutating func schoolDay() -> CalendarDate {
        weekday(year.startsOn.adding(days: rng.int(in: 1...305)))
    }

    /// The date, moved to the next Monday if it falls on a weekend.
    func weekday(_ date: CalendarDate) -> CalendarDate {
        switch date.weekday {
        case 6: date.adding(days: 2)
        case 7: date.adding(days: 1)
        default: date
        }
    }

    mutating func time(on date: CalendarDate) -> String {
        let hour = rng.int(in: 7...19), minute = rng.int(in: 0...59)
        return date.iso + "T" + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute):00"
    }

    static let slots = ["08:00-08:55", "09:00-09:55", "10:10-11:05", "11:10-12:05", "13:30-14:25",
                        "14:30-15:25", "15:40-16:35", "16:40-17:35"]

    mutating func file() -> ColumnValue { .int(Int64(rng.pick(fileIDs))) }

    static func id(_ value: Int?) -> ColumnValue { value.map { .int(Int64($0)) } ?? .null }
}

/// The system sections of an establishment.
struct SectionRoots: Sendable {
    let classes: Int
    let archives: Int
    let recycleBin: Int
}

extension ColumnValue {
    static func id(_ value: Int) -> ColumnValue { .int(Int64(value)) }
    static func number(_ value: Int) -> ColumnValue { .int(Int64(value)) }
}
