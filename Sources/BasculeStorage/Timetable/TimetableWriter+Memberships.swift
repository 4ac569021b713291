import BasculeDomain
import SQLKit

extension TimetableWriter {
    /// Mode 2: the timetable's groups get the file's students with their entry and exit dates,
    /// and the students' class memberships take the file's exit dates ("la date de fin d'année
    /// met fin à l'appartenance aux classes"), unless the administrator keeps them until a later
    /// date (`timetable_settings.keep_memberships_until`).
    func writeMemberships(resolution: inout TimetableResolution, groups: [String: Int]) async throws {
        let keepUntil = try await TimetableSettings.keepUntil(establishmentID: place.establishmentID, yearID: place.yearID, on: sql)
        var wantedGroups: [Pair: Span] = [:]
        var wantedClasses: [Pair: Span] = [:]
        for student in export.students {
            guard let account = resolution.students[student.key] else { continue }
            for membership in student.memberships {
                let span = Span(startsOn: membership.startsOn ?? export.calendar.startsOn,
                                endsOn: Self.kept(membership.endsOn, until: keepUntil))
                switch membership.target {
                case .group(let key):
                    guard case .timetable = resolution.groups[key], let group = groups[key] else { continue }
                    wantedGroups[Pair(container: group, account: account), default: span].merge(span)
                case .schoolClass(let key):
                    guard let schoolClass = resolution.classes[key] else { continue }
                    wantedClasses[Pair(container: schoolClass, account: account), default: span].merge(span)
                }
            }
        }
        let timetableGroups = Set(resolution.groups.compactMap { key, target in
            if case .timetable = target { groups[key] } else { nil }
        })
        var line = resolution.report[.students]
        try await syncGroupMemberships(wantedGroups, in: timetableGroups, line: &line)
        try await updateClassEnds(wantedClasses, line: &line)
        resolution.report[.students] = line
    }

    static func kept(_ endsOn: CalendarDate?, until keepUntil: CalendarDate?) -> CalendarDate? {
        guard let endsOn, let keepUntil, endsOn < keepUntil else { return endsOn }
        return keepUntil
    }

    struct Pair: Hashable {
        let container: Int
        let account: Int
    }

    struct Span: Equatable {
        var startsOn: CalendarDate
        var endsOn: CalendarDate?

        mutating func merge(_ other: Span) {
            startsOn = min(startsOn, other.startsOn)
            if let end = endsOn, let otherEnd = other.endsOn { endsOn = max(end, otherEnd) } else { endsOn = nil }
        }
    }

    private struct Existing: Decodable {
        let id: Int
        let container: Int
        let account_id: Int
        let starts_on: String
        let ends_on: String?

        var span: Span? {
            guard let start = try? CalendarDate(iso: starts_on) else { return nil }
            return Span(startsOn: start, endsOn: ends_on.flatMap { try? CalendarDate(iso: $0) })
        }
    }

    /// The timetable groups' members: the file's, with its dates; a student no longer in a group
    /// leaves it.
    private func syncGroupMemberships(_ wanted: [Pair: Span], in groupIDs: Set<Int>,
                                      line: inout TimetableImportReport.Line) async throws {
        guard !groupIDs.isEmpty else { return }
        var existing: [Pair: Existing] = [:]
        for chunk in Array(groupIDs).sorted().chunked(500) {
            for row in try await sql.raw("""
                SELECT id, group_id AS container, account_id, starts_on, ends_on FROM group_memberships
                WHERE group_id IN (\(binds: chunk))
                """).all(decoding: Existing.self) {
                existing[Pair(container: row.container, account: row.account_id)] = row
            }
        }
        var inserts: [[ColumnValue]] = []
        for (pair, span) in wanted.sorted(by: { ($0.key.container, $0.key.account) < ($1.key.container, $1.key.account) }) {
            if let row = existing[pair] {
                if row.span != span {
                    try await sql.update("group_memberships").set("starts_on", to: span.startsOn.iso)
                        .set("ends_on", to: span.endsOn?.iso).where("id", .equal, row.id).run()
                    line.updated += 1
                }
            } else {
                inserts.append([.int(Int64(pair.container)), .int(Int64(pair.account)), .text(span.startsOn.iso),
                                .optional(span.endsOn?.iso)])
                line.created += 1
            }
        }
        try await BulkInserter(sql).insert(into: "group_memberships",
                                           columns: ["group_id", "account_id", "starts_on", "ends_on"], rows: inserts)
        let gone = existing.filter { wanted[$0.key] == nil }.map(\.value.id).sorted()
        for chunk in gone.chunked(500) {
            try await sql.raw("DELETE FROM group_memberships WHERE id IN (\(binds: chunk))").run()
        }
        line.removed += gone.count
    }

    /// The class memberships the AAF made get the file's exit date; the timetable does not put a
    /// student in a class the directory does not.
    private func updateClassEnds(_ wanted: [Pair: Span], line: inout TimetableImportReport.Line) async throws {
        let classIDs = Array(Set(wanted.keys.map(\.container))).sorted()
        for chunk in classIDs.chunked(200) {
            for row in try await sql.raw("""
                SELECT id, class_id AS container, account_id, starts_on, ends_on FROM class_memberships
                WHERE class_id IN (\(binds: chunk))
                """).all(decoding: Existing.self) {
                guard let span = wanted[Pair(container: row.container, account: row.account_id)],
                      row.ends_on != span.endsOn?.iso else { continue }
                try await sql.update("class_memberships").set("ends_on", to: span.endsOn?.iso).where("id", .equal, row.id).run()
                line.updated += 1
            }
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
