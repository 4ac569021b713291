import BasculeDomain

/// Builds one establishment of the synthetic académie: its staff, classes, students, parents,
/// groups and teaching assignments.
struct EstablishmentBuilder {
    var rng: SeededRandom
    var ids: IDCounters
    var logins: LoginAllocator
    let preset: AcademyPreset
    let year: SchoolYearRow
    let subjectIDs: [String: Int]
    let mefIDs: [String: Int]
    let index: Int
    let kind: EstablishmentKind
    var batch: EstablishmentBatch

    private static let departments = ["069", "038", "042", "074", "073", "026", "001", "007", "063", "003", "015", "043"]
    private static let academies = ["Lyon", "Grenoble", "Clermont-Ferrand"]

    init(generator: AcademyGenerator, index: Int, kind: EstablishmentKind) {
        rng = generator.rng
        ids = generator.ids
        logins = generator.logins
        preset = generator.preset
        year = generator.year
        subjectIDs = generator.subjectIDs
        mefIDs = generator.mefIDs
        self.index = index
        self.kind = kind
        let department = Self.departments[index % Self.departments.count]
        let uai = try! UAI(digits: department + String(1000 + index / Self.departments.count))
        let town = FrenchNames.towns[(index * 7) % FrenchNames.towns.count]
        let patron = FrenchNames.patrons[(index * 11) % FrenchNames.patrons.count]
        let academy = generator.preset.establishmentCount > 100 ? Self.academies[index % 3] : "Lyon"
        // "Name (Town)", as the feed's ENTStructureNomCourant reads.
        let name = "\(kind == .college ? "Collège" : kind == .lycee ? "Lycée" : "Lycée professionnel") \(patron) (\(town))"
        batch = EstablishmentBatch(establishment: EstablishmentRow(
            id: ids.next(.establishment), uai: uai, name: name, kind: kind, academy: academy,
            aafJointure: String(100 + index)))
    }

    var establishmentID: Int { batch.establishment.id }
    /// Personnel have an academic address; parents a personal one.
    var academicDomain: String { "ac-\(LoginAllocator.asciiSlug(batch.establishment.academy)).example" }
    static let personalDomain = "courriel.example"

    mutating func build() -> EstablishmentBatch {
        let staff = addStaff()
        let levels = Curriculum.levels(for: kind)
        var studentsByLevel: [[Int]] = []
        var classesByLevel: [[Int]] = []
        for level in levels {
            let range = kind == .college ? preset.collegeClassesPerLevel : preset.lyceeClassesPerLevel
            let classCount = rng.int(in: range)
            var levelClasses: [Int] = []
            var levelStudents: [Int] = []
            for letter in 0..<classCount {
                let classID = ids.next(.schoolClass)
                let code = level.codePrefix + String(UnicodeScalar(UInt8(65 + letter)))
                batch.classes.append(ClassRow(id: classID, establishmentID: establishmentID, schoolYearID: year.id,
                                              code: code, level: level.name, mefID: mefIDs[level.mefCode]))
                levelClasses.append(classID)
                for _ in 0..<rng.int(in: preset.classSize) {
                    let student = addStudent(age: level.age)
                    addMembership(classID, student, toGroup: false)
                    levelStudents.append(student)
                }
            }
            studentsByLevel.append(levelStudents)
            classesByLevel.append(levelClasses)
        }
        let teachers = addTeaching(levels: levels, classesByLevel: classesByLevel, studentsByLevel: studentsByLevel)
        addManualGroups(owner: staff.entAdmin, students: studentsByLevel.flatMap { $0 }, teachers: teachers)
        addManualAccounts()
        return batch
    }

    // MARK: people

    mutating func person(feed: Bool, source: AccountSource = .feed, perennial: Bool = false,
                                 lastName: String? = nil, female: Bool? = nil, age: ClosedRange<Int>,
                                 emailDomain: String?, ine: Bool = false) -> AccountRow {
        let isFemale = female ?? rng.chance(0.5)
        let first = rng.pick(isFemale ? FrenchNames.femaleFirst : FrenchNames.maleFirst)
        let last = lastName ?? rng.pick(FrenchNames.last)
        let id = ids.next(.account)
        let login = logins.take(first: first, last: last)
        let birthYear = year.name.startYear - rng.int(in: age)
        let birth = try! CalendarDate(year: birthYear, month: rng.int(in: 1...12), day: rng.int(in: 1...28))
        let account = AccountRow(
            id: id, jointure: feed ? String(2_000_000 + id) : nil, source: source, isPerennial: perennial,
            lastName: last, firstName: first, birthDate: birth,
            email: emailDomain.map { "\(login)@\($0)" },
            login: login,
            ine: ine ? String(1_000_000_000 + rng.next() % 9_000_000_000) + String(rng.pick(Array("ABCDEFGHJK"))) : nil,
            isOperator: false)
        batch.accounts.append(account)
        return account
    }

    mutating func addProfile(_ accountID: Int, _ kind: ProfileKind, yearScoped: Bool = true) {
        batch.profiles.append(ProfileRow(id: ids.next(.profile), accountID: accountID, establishmentID: establishmentID,
                                         schoolYearID: yearScoped ? year.id : nil, kind: kind))
    }

    mutating func addMembership(_ containerID: Int, _ accountID: Int, toGroup: Bool) {
        let row = MembershipRow(id: ids.next(toGroup ? .groupMembership : .classMembership), containerID: containerID,
                                accountID: accountID, startsOn: year.startsOn, endsOn: nil)
        if toGroup { batch.groupMemberships.append(row) } else { batch.classMemberships.append(row) }
    }

    /// The last student's parents, for siblings who share them.
    var lastFamily: (lastName: String, parents: [Int])?

    mutating func addStudent(age: Int) -> Int {
        if let family = lastFamily, rng.chance(0.08) {
            let student = person(feed: true, lastName: family.lastName, age: age...age, emailDomain: nil, ine: true)
            addProfile(student.id, .student)
            for parent in family.parents { addParentLink(parent, student.id) }
            return student.id
        }
        let student = person(feed: true, age: age...age, emailDomain: nil, ine: true)
        addProfile(student.id, .student)
        var parents: [Int] = []
        let father = person(feed: true, lastName: student.lastName, female: false, age: 32...55, emailDomain: Self.personalDomain)
        parents.append(father.id)
        if rng.chance(0.65) {
            let mother = person(feed: true, lastName: rng.chance(0.6) ? student.lastName : nil, female: true,
                                age: 30...52, emailDomain: Self.personalDomain)
            parents.append(mother.id)
        }
        for parent in parents {
            addProfile(parent, .parent)
            addParentLink(parent, student.id)
        }
        lastFamily = (student.lastName, parents)
        return student.id
    }

    mutating func addParentLink(_ parent: Int, _ student: Int) {
        batch.parentLinks.append(ParentLinkRow(id: ids.next(.parentLink), schoolYearID: year.id, parentID: parent,
                                               studentID: student, isLegalGuardian: rng.chance(0.97)))
    }

    mutating func addStaff() -> (head: Int, entAdmin: Int) {
        let scale = kind == .college ? 1 : 2
        let head = person(feed: true, age: 40...62, emailDomain: academicDomain)
        addProfile(head.id, .staff)
        addProfile(head.id, .head)
        let documentalist = person(feed: true, age: 28...60, emailDomain: academicDomain)
        addProfile(documentalist.id, .staff)
        addProfile(documentalist.id, .entAdmin, yearScoped: false)
        for _ in 0..<(14 * scale) {
            addProfile(person(feed: true, age: 20...62, emailDomain: academicDomain).id, .staff)
        }
        return (head.id, documentalist.id)
    }

    mutating func addManualAccounts() {
        let visitor = person(feed: false, source: .manual, perennial: false, age: 25...60, emailDomain: Self.personalDomain)
        addProfile(visitor.id, .staff)
        let civic = person(feed: false, source: .manual, perennial: true, age: 18...25, emailDomain: Self.personalDomain)
        addProfile(civic.id, .staff)
    }
}
