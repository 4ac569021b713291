import BasculeDomain
import FluentKit
import SQLKit

/// Writes the access calendar, checking what is written.
public struct CalendarStore: Sendable {
    let sql: any SQLDatabase

    public init(sql: any SQLDatabase) {
        self.sql = sql
    }

    public init(db: any Database) {
        self.init(sql: db.sql)
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case invalidInstant(field: String, value: String)
        case endsBeforeStart
        case limitsOnlyForBlocks
        case unknownPhase(Int)
        case outsideLimits(phase: Int, endsAt: String)

        public var description: String {
            switch self {
            case .invalidInstant(let field, let value): "\(field) : « \(value) » n'est pas un instant AAAA-MM-JJTHH:MM"
            case .endsBeforeStart: "la fin de la période doit suivre son début"
            case .limitsOnlyForBlocks: "lift-from et extend-until ne valent que pour un blocage des élèves et des parents"
            case .unknownPhase(let id): "période \(id) inconnue"
            case .outsideLimits(let phase, let endsAt):
                "fin \(endsAt) hors des limites de la période \(phase) (levée possible à partir de lift-from, prolongation jusqu'à extend-until)"
            }
        }
    }

    /// `2020-07-23T09:00` (seconds optional).
    static func checkInstant(_ value: String, field: String) throws(Failure) {
        let parts = value.split(separator: "T")
        guard parts.count == 2, (try? CalendarDate(iso: String(parts[0]))) != nil,
              parts[1].count == 5 || parts[1].count == 8,
              parts[1].split(separator: ":").allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) })
        else { throw .invalidInstant(field: field, value: value) }
    }

    public func add(_ phase: AccessCalendar.Phase) async throws -> Int {
        try Self.checkInstant(phase.startsAt, field: "from")
        try Self.checkInstant(phase.endsAt, field: "to")
        guard phase.startsAt < phase.endsAt else { throw Failure.endsBeforeStart }
        if phase.access != .studentsAndParentsBlocked, phase.liftFrom != nil || phase.extendUntil != nil {
            throw Failure.limitsOnlyForBlocks
        }
        if let lift = phase.liftFrom { try Self.checkInstant(lift, field: "lift-from") }
        if let extend = phase.extendUntil { try Self.checkInstant(extend, field: "extend-until") }
        return try await sql.insert(into: "closure_phases")
            .columns("label", "starts_at", "ends_at", "access", "lift_from", "extend_until")
            .values(SQLBind(phase.label), SQLBind(phase.startsAt), SQLBind(phase.endsAt), SQLBind(phase.access.rawValue),
                    SQLBind(phase.liftFrom), SQLBind(phase.extendUntil))
            .returning("id").first(decodingColumn: "id", as: Int.self)!
    }

    public func remove(_ id: Int) async throws {
        guard try await sql.select().column("id").from("closure_phases").where("id", .equal, id).first() != nil else {
            throw Failure.unknownPhase(id)
        }
        try await sql.delete(from: "closure_phases").where("id", .equal, id).run()
    }

    /// An establishment's own end of a block of students and parents, within the phase's limits.
    public func setBlockEnd(establishmentID: Int, phaseID: Int, endsAt: String) async throws {
        try Self.checkInstant(endsAt, field: "until")
        guard let phase = try await AccessCalendar.load(on: sql).phases.first(where: { $0.id == phaseID }) else {
            throw Failure.unknownPhase(phaseID)
        }
        guard phase.allows(endingAt: endsAt) else { throw Failure.outsideLimits(phase: phaseID, endsAt: endsAt) }
        try await sql.delete(from: "access_blocks").where("establishment_id", .equal, establishmentID)
            .where("phase_id", .equal, phaseID).run()
        try await sql.insert(into: "access_blocks").columns("establishment_id", "phase_id", "ends_at")
            .values(SQLBind(establishmentID), SQLBind(phaseID), SQLBind(endsAt)).run()
    }
}
