import BasculeDomain
import SQLKit

extension TimetableWriter {
    /// The file's subjects by code, each tied to the directory's subject it matched. Returns the
    /// timetable subject id of each file key.
    func writeSubjects(resolution: inout TimetableResolution) async throws -> [String: Int] {
        struct Row: Decodable { let id: Int; let code: String; let label: String; let subject_id: Int? }
        let existing = Dictionary(try await sql.raw("""
            SELECT id, code, label, subject_id FROM timetable_subjects WHERE \(placeFilter)
            """).all(decoding: Row.self).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var inserts: [[ColumnValue]] = []
        var seen = Set<String>()
        for subject in export.subjects where seen.insert(subject.code).inserted {
            let subjectID = resolution.subjectIDs[subject.key]
            if let row = existing[subject.code] {
                if row.label == subject.label, row.subject_id == subjectID {
                    resolution.report[.subjects].unchanged += 1
                } else {
                    try await sql.update("timetable_subjects").set("label", to: subject.label).set("subject_id", to: subjectID)
                        .where("id", .equal, row.id).run()
                    resolution.report[.subjects].updated += 1
                }
            } else {
                inserts.append([.int(Int64(place.establishmentID)), .int(Int64(place.yearID)), .text(subject.code),
                                .text(subject.label), .optional(subjectID)])
                resolution.report[.subjects].created += 1
            }
        }
        try await BulkInserter(sql).insert(into: "timetable_subjects",
                                           columns: ["establishment_id", "school_year_id", "code", "label", "subject_id"],
                                           rows: inserts)
        let ids = try await idsByName("timetable_subjects", column: "code")
        return Dictionary(export.subjects.compactMap { subject in ids[subject.code].map { (subject.key, $0) } },
                          uniquingKeysWith: { a, _ in a })
    }

    /// Rooms by name; returns the room id of each file key.
    func writeRooms(report: inout TimetableImportReport) async throws -> [String: Int] {
        let existing = try await idsByName("timetable_rooms", column: "name")
        let names = Set(export.rooms.map(\.name))
        let missing = names.subtracting(existing.keys).sorted()
        report[.rooms].created = missing.count
        report[.rooms].unchanged = names.count - missing.count
        try await BulkInserter(sql).insert(into: "timetable_rooms", columns: ["establishment_id", "school_year_id", "name"],
                                           rows: missing.map { [.int(Int64(place.establishmentID)), .int(Int64(place.yearID)), .text($0)] })
        let ids = missing.isEmpty ? existing : try await idsByName("timetable_rooms", column: "name")
        return Dictionary(export.rooms.compactMap { room in ids[room.name].map { (room.key, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The timetable's own groups (modes 2 and 3), created or renamed; returns the directory
    /// group id of each file key that resolves to a group.
    func writeGroups(resolution: inout TimetableResolution) async throws -> [String: Int] {
        struct Row: Decodable { let id: Int; let code: String; let name: String }
        let existing = Dictionary(try await sql.raw("""
            SELECT id, code, name FROM groups WHERE \(placeFilter) AND kind = \(GroupKind.timetable)
            """).all(decoding: Row.self).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var inserts: [[ColumnValue]] = []
        var seen = Set<String>()
        for case .timetable(let code, let name) in resolution.groups.values.sorted(by: { "\($0)" < "\($1)" })
        where seen.insert(code).inserted {
            if let row = existing[code] {
                if row.name == name {
                    resolution.report[.groups].unchanged += 1
                } else {
                    try await sql.update("groups").set("name", to: name).where("id", .equal, row.id).run()
                    resolution.report[.groups].updated += 1
                }
            } else {
                inserts.append([.int(Int64(place.establishmentID)), .int(Int64(place.yearID)), .text(code), .text(name),
                                .text(GroupKind.timetable.rawValue)])
                resolution.report[.groups].created += 1
            }
        }
        try await BulkInserter(sql).insert(into: "groups",
                                           columns: ["establishment_id", "school_year_id", "code", "name", "kind"], rows: inserts)
        let created = inserts.isEmpty ? existing.mapValues(\.id) : try await idsByName("groups", column: "code")
        var ids: [String: Int] = [:]
        for (key, target) in resolution.groups {
            switch target {
            case .existing(let id): ids[key] = id
            case .timetable(let code, _): ids[key] = created[code]
            case .wholeClass: continue
            }
        }
        return ids
    }

    /// Keeps the software's ids of the people matched, so that the next import finds them even
    /// when a name changes.
    func rememberIDs(_ resolution: TimetableResolution) async throws {
        let known = Set(try await sql.raw("""
            SELECT kind, value FROM timetable_person_ids WHERE establishment_id = \(bind: place.establishmentID)
            """).all().map { "\(try $0.decode(column: "kind", as: String.self))|\(try $0.decode(column: "value", as: String.self))" })
        var rows: [[ColumnValue]] = []
        var added = Set<String>()
        for (people, matched) in [(export.teachers, resolution.teachers), (export.students, resolution.students)] {
            for person in people {
                guard let account = matched[person.key] else { continue }
                for id in person.ids where id.kind != .epj {
                    let key = "\(id.kind.rawValue)|\(id.value)"
                    guard !known.contains(key), added.insert(key).inserted else { continue }
                    rows.append([.int(Int64(place.establishmentID)), .int(Int64(account)), .text(id.kind.rawValue), .text(id.value)])
                }
            }
        }
        try await BulkInserter(sql).insert(into: "timetable_person_ids",
                                           columns: ["establishment_id", "account_id", "kind", "value"], rows: rows)
    }

    func idsByName(_ table: String, column: String) async throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for row in try await sql.raw("SELECT id, \(ident: column) AS name FROM \(ident: table) WHERE \(placeFilter)").all() {
            ids[try row.decode(column: "name", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        return ids
    }
}
