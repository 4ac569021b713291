import BasculeDomain
import FluentKit
import SQLKit

/// What the importer compares the file with: the establishment's people, classes, groups and
/// subjects of the year, the administrator's mappings and the ids remembered from earlier imports.
struct TimetableDirectory: Sendable {
    struct Entry: Decodable, Sendable {
        let id: Int
        let code: String
        let name: String
        let kind: String?
    }

    let teachers: [TimetableCandidate]
    let students: [TimetableCandidate]
    let classes: [Entry]
    let groups: [Entry]
    let subjects: [Entry]
    let mappings: [TimetableMappingKind: [String: String?]]
    let rememberedIDs: [TimetablePersonID: Int]

    static func load(establishmentID: Int, yearID: Int, on sql: any SQLDatabase) async throws -> TimetableDirectory {
        struct Person: Decodable {
            let id: Int
            let last_name: String
            let first_name: String
            let birth_date: String?
            let jointure: String?
            let kind: String
        }
        let people = try await sql.raw("""
            SELECT DISTINCT a.id, a.last_name, a.first_name, a.birth_date, a.jointure, p.kind
            FROM profiles p JOIN accounts a ON a.id = p.account_id
            WHERE p.establishment_id = \(bind: establishmentID) AND p.school_year_id = \(bind: yearID)
              AND p.kind IN (\(list: [ProfileKind.teacher, .student])) AND a.state <> \(AccountState.deleted)
            """).all(decoding: Person.self)
        func candidates(_ kind: ProfileKind) -> [TimetableCandidate] {
            people.filter { $0.kind == kind.rawValue }.map {
                TimetableCandidate(accountID: $0.id, lastName: $0.last_name, firstName: $0.first_name,
                                   birthDate: $0.birth_date.flatMap { try? CalendarDate(iso: $0) }, jointure: $0.jointure)
            }
        }
        let classes = try await sql.raw("""
            SELECT id, code, code AS name, NULL AS kind FROM classes
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).all(decoding: Entry.self)
        let groups = try await sql.raw("""
            SELECT id, code, name, kind FROM groups
            WHERE establishment_id = \(bind: establishmentID) AND school_year_id = \(bind: yearID)
            """).all(decoding: Entry.self)
        let subjects = try await sql.raw("""
            SELECT id, code, label AS name, NULL AS kind FROM subjects WHERE school_year_id = \(bind: yearID)
            """).all(decoding: Entry.self)
        struct Mapping: Decodable { let kind: String; let source: String; let target: String? }
        var mappings: [TimetableMappingKind: [String: String?]] = [:]
        for row in try await sql.raw("""
            SELECT kind, source, target FROM timetable_mappings WHERE establishment_id = \(bind: establishmentID)
            """).all(decoding: Mapping.self) {
            guard let kind = TimetableMappingKind(rawValue: row.kind) else { continue }
            mappings[kind, default: [:]][row.source] = .some(row.target)
        }
        struct Remembered: Decodable { let kind: String; let value: String; let account_id: Int }
        var remembered: [TimetablePersonID: Int] = [:]
        for row in try await sql.raw("""
            SELECT kind, value, account_id FROM timetable_person_ids WHERE establishment_id = \(bind: establishmentID)
            """).all(decoding: Remembered.self) {
            guard let kind = TimetablePersonID.Kind(rawValue: row.kind) else { continue }
            remembered[TimetablePersonID(kind, row.value)] = row.account_id
        }
        return TimetableDirectory(teachers: candidates(.teacher), students: candidates(.student), classes: classes,
                                  groups: groups, subjects: subjects, mappings: mappings, rememberedIDs: remembered)
    }

    func mapping(_ kind: TimetableMappingKind) -> [String: String?] { mappings[kind] ?? [:] }
}
