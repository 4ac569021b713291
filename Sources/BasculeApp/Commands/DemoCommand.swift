import BasculeDomain
import BasculeStorage
import Fluent
import Vapor

/// `bascule demo`: a small generated académie in its own SQLite file (created once, then
/// reused), a login for each profile, and the server on http://127.0.0.1:8080.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", short: "p", help: "Port d'écoute (défaut 8080).")
        var port: Int?
    }

    var help: String { "Démarre Bascule avec une académie de démonstration (SQLite embarqué)." }

    static let password = "bascule-demo"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try app.useDatabase(app.configuration.demo.storage, as: .demo)
        try await app.prepareDatabase()
        let demo = DemoDirectory(db: app.db)
        if try await demo.isEmpty() {
            try await GenerateCommand.generate(preset: .small, seed: 1, year: SchoolYearName(startYear: 2025),
                                               app: app, console: context.console)
        }
        let logins = try await demo.accounts()
        for (_, account) in logins where account.passwordHash == nil {
            try await demo.setPassword(hash: try await app.passwordHashing.hash(Self.password), of: account)
        }
        let port = signature.port ?? 8080
        context.console.print("")
        context.console.print("Bascule — démo : http://127.0.0.1:\(port)/  (mot de passe : \(Self.password))")
        for (role, account) in logins {
            context.console.print("  \(role.padding(toLength: 24, withPad: " ", startingAt: 0)) \(account.login)")
        }
        try await Self.addDemoCalendar(on: app.db, today: app.clock.today)
        if let uai = try await demo.firstEstablishmentUAI(),
           let admin = logins.first(where: { $0.0 == ProfileKind.entAdmin.label })?.1 {
            context.console.print("")
            context.console.print("Tableau de bord du changement d'année (connectez-vous comme \(admin.login)) :")
            context.console.print("  http://127.0.0.1:\(port)/connexion?suite=/etablissements/\(uai)/changement-d-annee")
            context.console.print("Console de l'opérateur : http://127.0.0.1:\(port)/connexion?suite=/console")
            context.console.print("Les pages de chaque profil (celles du menu) :")
            for page in Page.services.map(\.path).filter({ $0 != "/accueil" }) {
                context.console.print("  http://127.0.0.1:\(port)/connexion?suite=\(page)")
            }
        }
        try await app.serve(using: context, hostname: "127.0.0.1", port: port)
    }

    /// A summer calendar around the coming weeks, so that the demo's dashboard counts the days
    /// to a real closure (only when the demo has no phase yet).
    static func addDemoCalendar(on db: any Database, today: CalendarDate) async throws {
        guard try await AccessCalendar.load(on: db).phases.isEmpty else { return }
        let day = { (offset: Int, time: String) in today.adding(days: offset).iso + "T" + time }
        let store = CalendarStore(db: db)
        _ = try await store.add(.init(id: 0, label: "Archivage et purge", startsAt: day(21, "18:00"), endsAt: day(24, "08:00"),
                                      access: .publicOnly))
        _ = try await store.add(.init(id: 0, label: "Blocage des élèves et des parents", startsAt: day(24, "08:00"),
                                      endsAt: day(38, "08:00"), access: .studentsAndParentsBlocked,
                                      liftFrom: day(31, "08:00"), extendUntil: day(45, "08:00")))
    }
}
