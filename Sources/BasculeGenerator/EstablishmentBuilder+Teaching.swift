import BasculeDomain

/// Teaching: groups of a level, teachers per subject, teaching assignments, head teachers,
/// and the groups the ENT administrator creates by hand.
extension EstablishmentBuilder {
    /// A class or a group taught in one subject.
    private struct Unit {
        let subject: String
        let classID: Int?
        let groupID: Int?
    }

    mutating func addTeaching(levels: [LevelSpec], classesByLevel: [[Int]], studentsByLevel: [[Int]]) -> [Int] {
        var units: [Unit] = []
        for (levelIndex, level) in levels.enumerated() {
            let classes = classesByLevel[levelIndex]
            let students = studentsByLevel[levelIndex]
            for subject in level.subjects {
                units += classes.map { Unit(subject: subject, classID: $0, groupID: nil) }
            }
            for (subject, groupID) in addLevelGroups(level: level, classCount: classes.count, students: students) {
                units.append(Unit(subject: subject, classID: nil, groupID: groupID))
            }
        }
        var teachers: [Int] = []
        var firstTeacherOfClass: [Int: Int] = [:]
        for spec in Curriculum.subjects {
            let subjectUnits = units.filter { $0.subject == spec.code }
            guard !subjectUnits.isEmpty, let subjectID = subjectIDs[spec.code] else { continue }
            var teacher = 0
            for (n, unit) in subjectUnits.enumerated() {
                if n % spec.classesPerTeacher == 0 {
                    teacher = person(feed: true, age: 24...62, emailDomain: academicDomain).id
                    addProfile(teacher, .teacher)
                    teachers.append(teacher)
                }
                batch.teachingAssignments.append(TeachingAssignmentRow(
                    id: ids.next(.teaching), teacherID: teacher, classID: unit.classID, groupID: unit.groupID,
                    subjectID: subjectID))
                if let classID = unit.classID, firstTeacherOfClass[classID] == nil {
                    firstTeacherOfClass[classID] = teacher
                }
            }
        }
        for schoolClass in batch.classes {
            guard let teacher = firstTeacherOfClass[schoolClass.id] else { continue }
            batch.headTeachers.append(HeadTeacherRow(id: ids.next(.headTeacher), classID: schoolClass.id, teacherID: teacher))
        }
        return teachers
    }

    /// Groups across a level's classes: modern languages (two thirds Spanish), lycée
    /// specialities (two of three per student), and one timetable support group.
    private mutating func addLevelGroups(level: LevelSpec, classCount: Int, students: [Int]) -> [(String, Int)] {
        var taught: [(String, Int)] = []
        let languages = level.groupSubjects.filter { $0 == "030602" || $0 == "030102" }
        let specialities = level.groupSubjects.filter { !languages.contains($0) }
        if languages.count == 2 {
            let spanish = makeGroups(level: level, subject: languages[0], count: max(1, classCount * 2 / 3))
            let german = makeGroups(level: level, subject: languages[1], count: max(1, classCount - spanish.count))
            for (i, student) in students.enumerated() {
                let groups = i % 3 == 2 ? german : spanish
                addMembership(groups[(i / 3) % groups.count], student, toGroup: true)
            }
            taught += spanish.map { (languages[0], $0) } + german.map { (languages[1], $0) }
        }
        let specialityGroups = specialities.map {
            makeGroups(level: level, subject: $0, count: max(1, classCount * 2 / 3))
        }
        for (i, student) in students.enumerated() where !specialityGroups.isEmpty {
            for (s, groups) in specialityGroups.enumerated() where s != i % specialityGroups.count {
                addMembership(groups[i % groups.count], student, toGroup: true)
            }
        }
        for (s, groups) in specialityGroups.enumerated() {
            taught += groups.map { (specialities[s], $0) }
        }
        if !students.isEmpty {
            let support = ids.next(.group)
            batch.groups.append(GroupRow(id: support, establishmentID: establishmentID, schoolYearID: year.id,
                                         code: "\(level.codePrefix)AP", name: "Accompagnement personnalisé \(level.name)",
                                         kind: .timetable, lifetime: nil, ownerAccountID: nil))
            for student in sample(students, count: 12) { addMembership(support, student, toGroup: true) }
            taught.append(("009800", support))
        }
        return taught
    }

    private mutating func makeGroups(level: LevelSpec, subject: String, count: Int) -> [Int] {
        let label = Curriculum.subjects.first { $0.code == subject }?.label ?? subject
        let short = String(label.filter(\.isLetter).prefix(3))
        return (1...count).map { n in
            let id = ids.next(.group)
            batch.groups.append(GroupRow(id: id, establishmentID: establishmentID, schoolYearID: year.id,
                                         code: "\(level.codePrefix)\(short)\(n)", name: "\(level.name) \(label.capitalized) \(n)",
                                         kind: .institutional, lifetime: nil, ownerAccountID: nil))
            return id
        }
    }

    /// A spread of `count` distinct members, chosen deterministically.
    private mutating func sample(_ members: [Int], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        guard members.count > count else { return members }
        let start = rng.int(in: 0...(members.count - 1))
        let step = members.count / count
        return (0..<count).map { members[(start + $0 * step) % members.count] }
    }

    mutating func addManualGroups(owner: Int, students: [Int], teachers: [Int]) {
        let specs: [(code: String, name: String, lifetime: GroupLifetime, students: Int, teachers: Int)] = [
            ("DELEG", "Délégués de classe", .unlimited, 2 * batch.classes.count, 0),
            ("CPEDA", "Conseil pédagogique", .unlimited, 0, 6),
            ("THEAT", "Club théâtre", .schoolYear, 12, 1),
            ("VOYAG", "Voyage scolaire \(year.name.startYear + 1)", .schoolYear, 20, 2),
        ]
        for spec in specs {
            let id = ids.next(.group)
            batch.groups.append(GroupRow(id: id, establishmentID: establishmentID, schoolYearID: year.id,
                                         code: spec.code, name: spec.name, kind: .manual, lifetime: spec.lifetime,
                                         ownerAccountID: owner))
            for member in sample(students, count: spec.students) + sample(teachers, count: spec.teachers) {
                addMembership(id, member, toGroup: true)
            }
        }
    }
}
