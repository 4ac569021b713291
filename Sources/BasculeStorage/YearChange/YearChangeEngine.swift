import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// Runs `YearChangeRules` per establishment: a plan that writes nothing, a run of one
/// transaction per step (the step's writes, its undo log and its journal line commit together,
/// so a run that dies resumes at the first step not journaled), and an undo.
public struct YearChangeEngine: Sendable {
    let db: any Database
    public let files: FileStore
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(db: any Database, files: FileStore) {
        self.db = db
        self.files = files
    }

    public struct Options: Sendable {
        /// Goes past the safety holds.
        public var confirm = false
        /// A removing step that would touch more than this share of its population holds the establishment.
        public var holdShare = 0.5
        /// The date the change is made as of (today, unless a test or a replay says otherwise).
        public var asOf: CalendarDate
        /// For tests: stop (as if killed) once this many steps of the whole run have committed.
        public var stopAfterSteps: Int?
        /// For tests: fail inside this step's transaction (as if killed mid-step).
        public var failInside: YearChangeRule.ID?
        /// Who holds the `year-change` lock while this runs (shown to a second run refused).
        public var holder = YearChangeEngine.defaultHolder

        public init(asOf: CalendarDate, confirm: Bool = false) {
            self.asOf = asOf
            self.confirm = confirm
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unknownYear(String)
        case yearNotCurrent(String)
        case unknownEstablishment(String)
        case nothingToUndo(String)
        case purged(String)
        case changeStarted(String)
        case interrupted

        public var description: String {
            switch self {
            case .unknownYear(let name): "année scolaire inconnue : \(name)"
            case .yearNotCurrent(let name): "l'année \(name) n'est pas l'année en cours : rien à changer"
            case .unknownEstablishment(let uai): "établissement inconnu : \(uai)"
            case .nothingToUndo(let uai): "aucun changement d'année à annuler pour \(uai)"
            case .purged(let uai): "le changement de \(uai) a été purgé : ce qu'il masquait est supprimé, il ne s'annule plus"
            case .changeStarted(let uai): "le changement d'année de \(uai) a commencé : la liste à faire est close"
            case .interrupted: "changement interrompu (test)"
            }
        }
    }

    public struct Progress: Sendable {
        public let uai: String
        public let establishmentIndex: Int
        public let establishmentCount: Int
        public let step: YearChangeRule.ID
        public let rows: Int
    }

    /// One change, undo or purge at a time on the whole platform, whichever instance, command
    /// or page starts it: two runs at once would both mail the sanctions and both create next
    /// year. A lock older than `lockStaleAfter` is taken over (its holder died).
    public static let lockName = "year-change"
    public static let lockStaleAfter: TimeInterval = 3600
    public static var defaultHolder: String { "bascule \(ProcessInfo.processInfo.processIdentifier)" }

    func exclusively<T: Sendable>(holder: String, _ body: () async throws -> T) async throws -> T {
        try await DatabaseLock(Self.lockName, on: sql, holder: holder, staleAfter: Self.lockStaleAfter).run(body)
    }

    /// The years of a change from `from`: it must be current; the next one is created
    /// (*preparing*) if no import has created it yet, and remembered as created by the change.
    func years(from name: SchoolYearName, create: Bool) async throws -> (from: Int, to: Int?) {
        struct Year: Decodable { let id: Int; let state: String }
        guard let from = try await sql.raw("SELECT id, state FROM school_years WHERE name = \(bind: name.description)")
            .first(decoding: Year.self) else { throw Failure.unknownYear(name.description) }
        let next = name.next
        var to = try await sql.raw("SELECT id FROM school_years WHERE name = \(bind: next.description)")
            .first(decodingColumn: "id", as: Int.self)
        if to == nil, create {
            guard from.state == SchoolYearState.current.rawValue else { throw Failure.yearNotCurrent(name.description) }
            to = try await db.transaction { database in
                let tx = database as! any SQLDatabase
                let id = try await tx.insert(into: "school_years").columns("name", "starts_on", "ends_on", "state")
                    .values(SQLBind(next.description), SQLBind(next.defaultStart.iso), SQLBind(next.defaultEnd.iso),
                            SQLBind(SchoolYearState.preparing.rawValue))
                    .returning("id").first(decodingColumn: "id", as: Int.self)
                try await tx.insert(into: "year_change_created_years").columns("school_year_id").values(SQLBind(id)).run()
                return id
            }
        }
        return (from.id, to)
    }

    /// The establishments a command names (all when none), by UAI.
    public func establishments(_ uais: [String]) async throws -> [(id: Int, uai: String, name: String)] {
        struct Row: Decodable { let id: Int; let uai: String; let name: String }
        let all = try await sql.raw("SELECT id, uai, name FROM establishments ORDER BY uai").all(decoding: Row.self)
        if uais.isEmpty { return all.map { ($0.id, $0.uai, $0.name) } }
        return try uais.map { uai in
            guard let row = all.first(where: { $0.uai == uai.uppercased() }) else { throw Failure.unknownEstablishment(uai) }
            return (row.id, row.uai, row.name)
        }
    }
}
