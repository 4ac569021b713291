import BasculeDomain

/// A deterministic synthetic académie: the same preset, seed and year give the same rows,
/// in the same order, with the same ids, on every machine.
///
/// It yields one establishment at a time so that a region (a million accounts) is written
/// without being held in memory; only the set of logins taken so far is kept.
public struct AcademyGenerator: Sendable {
    public let preset: AcademyPreset
    public let year: SchoolYearRow
    public let subjects: [SubjectRow]
    public let mefs: [MefRow]
    /// The platform operator of the académie.
    public let operatorAccount: AccountRow

    var rng: SeededRandom
    var ids = IDCounters()
    var logins = LoginAllocator()
    let plan: [EstablishmentKind]
    var nextIndex = 0
    let subjectIDs: [String: Int]
    let mefIDs: [String: Int]

    public init(preset: AcademyPreset, seed: UInt64, yearName: SchoolYearName) {
        self.preset = preset
        self.rng = SeededRandom(seed: seed)
        self.year = SchoolYearRow(id: 1, name: yearName, startsOn: yearName.defaultStart,
                                  endsOn: yearName.defaultEnd, state: .current)
        var ids = IDCounters()
        let subjects = Curriculum.subjects.map {
            SubjectRow(id: ids.next(.subject), schoolYearID: 1, code: $0.code, label: $0.label)
        }
        let mefs = Curriculum.allLevels.map {
            MefRow(id: ids.next(.mef), schoolYearID: 1, code: $0.mefCode, label: $0.mefLabel)
        }
        self.subjects = subjects
        self.mefs = mefs
        self.subjectIDs = Dictionary(uniqueKeysWithValues: subjects.map { ($0.code, $0.id) })
        self.mefIDs = Dictionary(uniqueKeysWithValues: mefs.map { ($0.code, $0.id) })
        var logins = LoginAllocator()
        self.operatorAccount = AccountRow(
            id: ids.next(.account), jointure: nil, source: .manual, isPerennial: true,
            lastName: "Plateforme", firstName: "Opérateur", birthDate: nil, email: nil,
            login: logins.take("operateur"), ine: nil, isOperator: true)
        self.ids = ids
        self.logins = logins
        // Interleave the kinds evenly, so that a partial run or a small preset holds each kind.
        let counts: [(EstablishmentKind, Int)] = [(.college, preset.colleges), (.lycee, preset.lycees),
                                                  (.lyceePro, preset.lyceesPro)]
        let plan = counts.enumerated()
            .flatMap { order, entry in
                (0..<entry.1).map { j in (position: (Double(j) + 0.5) / Double(entry.1), order: order, kind: entry.0) }
            }
            .sorted { ($0.position, $0.order) < ($1.position, $1.order) }
            .map(\.kind)
        self.plan = plan
    }

    public var establishmentCount: Int { plan.count }

    /// The next establishment with its people, classes and groups, or `nil` when all are made.
    public mutating func nextEstablishment() -> EstablishmentBatch? {
        guard nextIndex < plan.count else { return nil }
        defer { nextIndex += 1 }
        var builder = EstablishmentBuilder(generator: self, index: nextIndex, kind: plan[nextIndex])
        // Let go of the login book while the builder fills it: a second reference would make
        // every insertion copy the whole book (a million logins for a region).
        logins = LoginAllocator()
        let batch = builder.build()
        rng = builder.rng
        ids = builder.ids
        logins = builder.logins
        return batch
    }
}

/// Per-table id sequences, so that every row's id is known before it is written.
struct IDCounters: Sendable {
    enum Table: Int, CaseIterable {
        case establishment, subject, mef, account, profile, schoolClass, group
        case classMembership, groupMembership, teaching, headTeacher, parentLink
    }
    private var last = Array(repeating: 0, count: Table.allCases.count)

    mutating func next(_ table: Table) -> Int {
        last[table.rawValue] += 1
        return last[table.rawValue]
    }
}
