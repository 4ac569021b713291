import BasculeDomain
import FluentKit
import SQLKit

extension AccessCalendar {
    public static func load(on db: any Database) async throws -> AccessCalendar {
        try await load(on: db.sql)
    }

    /// The calendar as stored.
    public static func load(on sql: any SQLDatabase) async throws -> AccessCalendar {
        struct PhaseRow: Decodable {
            let id: Int, label: String, starts_at: String, ends_at: String, access: String
            let lift_from: String?, extend_until: String?
        }
        struct BlockRow: Decodable { let establishment_id: Int; let phase_id: Int; let ends_at: String }
        let phases = try await sql.raw("SELECT * FROM closure_phases ORDER BY starts_at, id").all(decoding: PhaseRow.self)
        let blocks = try await sql.raw("SELECT establishment_id, phase_id, ends_at FROM access_blocks").all(decoding: BlockRow.self)
        return AccessCalendar(
            phases: phases.compactMap { row in
                Access(rawValue: row.access).map {
                    Phase(id: row.id, label: row.label, startsAt: row.starts_at, endsAt: row.ends_at, access: $0,
                          liftFrom: row.lift_from, extendUntil: row.extend_until)
                }
            },
            blockEnds: Dictionary(blocks.map { (BlockKey(establishmentID: $0.establishment_id, phaseID: $0.phase_id), $0.ends_at) },
                                  uniquingKeysWith: { $1 }))
    }
}
