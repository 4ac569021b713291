import BasculeDomain
import BasculeStorage
import Vapor

/// `bascule calendar list|add|remove|block`: the closure phases and the establishments' blocks.
struct CalendarCommands: AsyncCommandGroup {
    var help: String { "Calendrier de fermeture : périodes (tout fermé, pages publiques seules, élèves et parents bloqués)." }
    var commands: [String: any AnyAsyncCommand] {
        ["list": CalendarListCommand(), "add": CalendarAddCommand(), "remove": CalendarRemoveCommand(), "block": CalendarBlockCommand()]
    }
}

struct CalendarListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON.")
        var json: Bool
    }

    var help: String { "Les périodes du calendrier." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareDatabase()
        let calendar = try await AccessCalendar.load(on: context.application.db)
        if signature.json { return try printJSON(calendar.phases, on: context.console) }
        for phase in calendar.phases {
            context.console.print("\(phase.id). \(phase.startsAt) → \(phase.endsAt) \(phase.label) : \(phase.access.label)"
                + (phase.liftFrom.map { ", levée possible dès \($0)" } ?? "") + (phase.extendUntil.map { ", prolongeable jusqu'au \($0)" } ?? ""))
        }
    }
}

struct CalendarAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "label", help: "Nom de la période.") var label: String?
        @Option(name: "from", help: "Début, AAAA-MM-JJTHH:MM.") var from: String?
        @Option(name: "to", help: "Fin, AAAA-MM-JJTHH:MM.") var to: String?
        @Option(name: "access", help: "closed | public_only | students_parents_blocked") var access: String?
        @Option(name: "lift-from", help: "Blocage : levée possible par l'établissement à partir de…") var liftFrom: String?
        @Option(name: "extend-until", help: "Blocage : prolongation possible jusqu'à…") var extendUntil: String?
    }

    var help: String { "Ajoute une période de fermeture." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareDatabase()
        guard let access = AccessCalendar.Access(rawValue: signature.access ?? "") else {
            throw Abort(.badRequest, reason: "--access : closed, public_only ou students_parents_blocked")
        }
        let id = try await CalendarStore(db: context.application.db).add(.init(
            id: 0, label: signature.label ?? access.label, startsAt: signature.from ?? "", endsAt: signature.to ?? "",
            access: access, liftFrom: signature.liftFrom, extendUntil: signature.extendUntil))
        context.console.print("période \(id) ajoutée")
    }
}

struct CalendarRemoveCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "id", help: "Numéro de la période.") var id: Int?
    }

    var help: String { "Retire une période." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareDatabase()
        try await CalendarStore(db: context.application.db).remove(signature.id ?? 0)
    }
}

struct CalendarBlockCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "establishment", help: "UAI.") var establishment: String?
        @Option(name: "phase", help: "Numéro de la période de blocage.") var phase: Int?
        @Option(name: "until", help: "Fin du blocage pour cet établissement, AAAA-MM-JJTHH:MM.") var until: String?
    }

    var help: String { "Avance ou prolonge, pour un établissement, le blocage des élèves et des parents (dans les limites de la période)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let establishment = try await Establishment.find(uai: signature.establishment, on: app.db)
        try await CalendarStore(db: app.db).setBlockEnd(establishmentID: establishment.requireID(), phaseID: signature.phase ?? 0,
                                                          endsAt: signature.until ?? "")
    }
}
