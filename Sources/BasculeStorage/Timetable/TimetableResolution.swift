import BasculeDomain

/// The file's entries, met with the directory: which account, class, group or subject each key
/// stands for, and what met nothing (listed in the report, never dropped in silence).
struct TimetableResolution: Sendable {
    enum GroupTarget: Sendable, Equatable {
        /// A group of the directory (the AAF's in mode 1, or one the administrator mapped).
        case existing(Int)
        /// A group of the timetable, created or updated by the import (modes 2 and 3).
        case timetable(code: String, name: String)
        /// A class part in mode 1, where the directory has no parts: the course is the class's.
        case wholeClass(Int)
    }

    var subjectIDs: [String: Int] = [:]
    var teachers: [String: Int] = [:]
    var students: [String: Int] = [:]
    var classes: [String: Int] = [:]
    var groups: [String: GroupTarget] = [:]
    var report: TimetableImportReport

    static let timetableGroupPrefix = "edt:"

    init(export: TimetableExport, directory: TimetableDirectory, mode: TimetableMode, report: TimetableImportReport) {
        self.report = report
        resolveSubjects(export.subjects, directory)
        teachers = resolvePeople(export.teachers, .teacher, .teachers, candidates: directory.teachers, directory)
        students = resolvePeople(export.students, .student, .students, candidates: directory.students, directory)
        resolveClasses(export.classes, directory)
        resolveGroups(export, directory, mode: mode)
        self.report[.rooms].inFile = export.rooms.count
    }

    private mutating func unmatched(_ kind: TimetableMappingKind, _ line: TimetableImportReport.Kind,
                                    _ source: String, _ compared: String) {
        report[line].unmatched += 1
        report.unmatched.append(.init(kind: kind, source: source, compared: compared))
    }

    private mutating func resolveSubjects(_ subjects: [TimetableExportSubject], _ directory: TimetableDirectory) {
        report[.subjects].inFile = subjects.count
        let byCode = Dictionary(directory.subjects.map { (TimetableNameKey.fold($0.code), $0.id) }, uniquingKeysWith: { a, _ in a })
        let byLabel = Dictionary(directory.subjects.map { (TimetableNameKey.fold($0.name), $0.id) }, uniquingKeysWith: { a, _ in a })
        let byExactCode = Dictionary(directory.subjects.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let mapping = directory.mapping(.subject)
        for subject in subjects {
            let source = "\(subject.code) — \(subject.label)"
            if let target = mapping[source] {
                if let target, let id = byExactCode[target] {
                    subjectIDs[subject.key] = id
                    report[.subjects].matched += 1
                }
                continue
            }
            if let id = byCode[TimetableNameKey.fold(subject.code)] ?? byLabel[TimetableNameKey.fold(subject.label)] {
                subjectIDs[subject.key] = id
                report[.subjects].matched += 1
            } else {
                unmatched(.subject, .subjects, source, "code et libellé\u{00A0}: aucune matière de l'annuaire de l'année")
            }
        }
    }

    private mutating func resolvePeople(_ people: [TimetablePerson], _ kind: TimetableMappingKind,
                                        _ line: TimetableImportReport.Kind, candidates: [TimetableCandidate],
                                        _ directory: TimetableDirectory) -> [String: Int] {
        report[line].inFile = people.count
        let matcher = TimetablePersonMatcher(candidates: candidates, remembered: directory.rememberedIDs,
                                             mapping: directory.mapping(kind))
        var found: [String: Int] = [:]
        for person in people {
            switch matcher.match(person) {
            case .matched(let account, _):
                found[person.key] = account
                report[line].matched += 1
            case .ignored:
                continue
            case .unmatched(let compared):
                unmatched(kind, line, TimetablePersonMatcher.mappingSource(of: person), compared)
            }
        }
        return found
    }

    private mutating func resolveClasses(_ classes: [TimetableExportClass], _ directory: TimetableDirectory) {
        report[.classes].inFile = classes.count
        let byCode = Dictionary(directory.classes.map { (TimetableNameKey.fold($0.code), $0.id) }, uniquingKeysWith: { a, _ in a })
        let byExactCode = Dictionary(directory.classes.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let mapping = directory.mapping(.schoolClass)
        for schoolClass in classes {
            if let target = mapping[schoolClass.name] {
                if let target, let id = byExactCode[target] {
                    self.classes[schoolClass.key] = id
                    report[.classes].matched += 1
                }
                continue
            }
            if let id = byCode[TimetableNameKey.fold(schoolClass.name)] {
                self.classes[schoolClass.key] = id
                report[.classes].matched += 1
            } else {
                unmatched(.schoolClass, .classes, schoolClass.name, "nom de la classe\u{00A0}: aucune classe de ce nom cette année")
            }
        }
    }

    private mutating func resolveGroups(_ export: TimetableExport, _ directory: TimetableDirectory, mode: TimetableMode) {
        report[.groups].inFile = export.groups.count
        let directoryGroups = directory.groups.filter { $0.kind != GroupKind.timetable.rawValue }
        var byName: [String: Int] = [:]
        for group in directoryGroups {
            byName[TimetableNameKey.fold(group.name)] = byName[TimetableNameKey.fold(group.name)] ?? group.id
            byName[TimetableNameKey.fold(group.code)] = group.id
        }
        let byExactCode = Dictionary(directory.groups.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let mapping = directory.mapping(.group)
        for group in export.groups {
            if let target = mapping[group.name] {
                if let target, let id = byExactCode[target] {
                    groups[group.key] = .existing(id)
                    report[.groups].matched += 1
                }
                continue
            }
            if mode.createsGroups {
                groups[group.key] = .timetable(code: Self.timetableGroupPrefix + group.name, name: group.name)
            } else if let classKey = group.classKey {
                if let classID = classes[classKey] {
                    groups[group.key] = .wholeClass(classID)
                    report[.groups].matched += 1
                }
            } else if let id = byName[TimetableNameKey.fold(group.name)] {
                groups[group.key] = .existing(id)
                report[.groups].matched += 1
            } else {
                unmatched(.group, .groups, group.name,
                          "nom du groupe\u{00A0}: aucun groupe de l'annuaire académique de ce nom (mode 1)")
            }
        }
    }
}
