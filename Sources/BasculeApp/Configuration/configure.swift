import BasculeStorage
import Fluent
import Vapor

extension Application {
    public internal(set) var configuration: AppConfiguration {
        get { storage[ConfigurationKey.self]! }
        set { storage[ConfigurationKey.self] = newValue }
    }

    private struct ConfigurationKey: StorageKey {
        typealias Value = AppConfiguration
    }
}

/// Wires Bascule into a Vapor application: database, migrations, sessions, routes, commands.
///
/// `database` replaces the configured storage; tests pass a fresh database of their own.
public func configure(_ app: Application, configuration: AppConfiguration,
                      database: DatabaseConfigurationFactory? = nil, clock: WallClock = .system) async throws {
    app.configuration = configuration
    app.clock = clock
    await app.startPasswordHashing(configuration.hashing)
    if let database {
        app.databases.use(database, as: .main, isDefault: true)
    } else {
        try app.useDatabase(configuration.storage)
    }

    app.migrations.add(BasculeMigrations.all)
    app.migrations.add(SessionRecord.migration)

    // Sessions live in the database, so that several instances can serve one région; the
    // cookie is `Secure` whenever people reach Bascule over https (`BASCULE_PUBLIC_URL`).
    app.sessions.use { _ in DatabaseSessions(settings: configuration.sessions) }
    app.sessions.configuration.cookieName = "bascule_session"
    let isSecure = configuration.publicOrigin?.isSecure == true || app.environment == .production
    app.sessions.configuration.cookieFactory = { [maxAge = configuration.sessions.maxHours * 3600] sessionID in
        HTTPCookies.Value(string: sessionID.string, maxAge: maxAge, path: "/", isSecure: isSecure, isHTTPOnly: true, sameSite: .lax)
    }

    // A connection that sends nothing for this long is closed: idle keep-alives and clients
    // that trickle a request cannot hold the server's connections for ever.
    app.http.server.configuration.idleTimeout = .seconds(75)

    app.middleware = .init()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    // Errors become responses inside the sessions middleware, so that a session ended by a
    // refusal (an account blocked by the calendar) is ended for good.
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(FrenchErrorMiddleware(environment: app.environment))
    app.middleware.use(SameOriginMiddleware(publicOrigin: configuration.publicOrigin))
    app.middleware.use(Account.sessionAuthenticator())
    app.middleware.use(ViewerMiddleware())

    if let inbox = configuration.inbox {
        app.feedInbox = FeedInbox(settings: inbox, db: app.db, clock: clock, logger: app.logger)
    }

    try routes(app)

    app.asyncCommands.use(ServeAndMigrateCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(GenerateCommands(), as: "generate")
    app.asyncCommands.use(DatabaseCommands(), as: "db")
    app.asyncCommands.use(FileCommands(), as: "files")
    app.asyncCommands.use(ImportCommands(), as: "import")
    app.asyncCommands.use(BenchCommands(), as: "bench")
    app.asyncCommands.use(YearChangeCommands(), as: "year-change")
    app.asyncCommands.use(TimetableCommands(), as: "timetable")
    app.asyncCommands.use(CalendarCommands(), as: "calendar")
}
