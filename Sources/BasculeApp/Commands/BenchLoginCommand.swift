import BasculeDomain
import BasculeStorage
import Foundation
import Vapor

/// `bascule bench login [--clients 8] [--seconds 20] [--port 8089]`: serves the demo database on
/// the loopback, has `--clients` loops send wrong passwords to `POST /api/v1/session` without
/// pause, and meanwhile times `GET /api/v1/me` of a signed-in teacher, one request after another.
/// Every wrong login names another login from another address (the proxy is trusted for the
/// bench alone), so that the throttle never answers for bcrypt: each costs a full hash, the
/// worst case for the pool. Prints the percentiles of `/me` and what the logins were answered.
struct BenchLoginCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "clients", help: "Boucles de mauvais mots de passe en parallèle (défaut 8).")
        var clients: Int?

        @Option(name: "seconds", help: "Durée de la mesure (défaut 20 s).")
        var seconds: Int?

        @Option(name: "port", help: "Port local d'écoute (défaut 8089).")
        var port: Int?
    }

    var help: String { "Mesure GET /api/v1/me pendant que des clients martèlent la connexion de mauvais mots de passe." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let clients = signature.clients ?? 8, seconds = signature.seconds ?? 20, port = signature.port ?? 8089
        app.configuration.trustsProxy = true
        // The client's pool allows 8 connections to a host by default: the loops would hold them
        // all and `/me` would time its wait for one, not the server.
        app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        try app.useDatabase(app.configuration.demo.storage, as: .demo)
        try await app.prepareDatabase()
        let demo = DemoDirectory(db: app.db)
        if try await demo.isEmpty() {
            try await GenerateCommand.generate(preset: .small, seed: 1, year: SchoolYearName(startYear: 2025), app: app, console: context.console)
        }
        guard let teacher = try await demo.accounts().first(where: { $0.role == ProfileKind.teacher.label })?.account else { return }
        try await demo.setPassword(hash: try await app.passwordHashing.hash(DemoCommand.password), of: teacher)
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        let base = "http://127.0.0.1:\(port)/api/v1"
        let session = try await app.client.post(URI(string: base + "/session")) { req in
            try req.content.encode(["login": teacher.login, "password": DemoCommand.password])
        }
        guard let cookie = session.headers.setCookie?["bascule_session"] else {
            context.console.error("Connexion du professeur refusée (\(session.status.code)).")
            await app.server.shutdown()
            return
        }
        let me = { () async throws -> Double in
            let started = ContinuousClock.now
            let response = try await app.client.get(URI(string: base + "/me"), headers: ["Cookie": "bascule_session=\(cookie.string)"])
            guard response.status == .ok else { throw Abort(.internalServerError, reason: "GET /me : \(response.status.code)") }
            return (ContinuousClock.now - started).seconds * 1000
        }
        let idle = try await Self.measure(for: 3, me)
        context.console.print("Sans charge : \(Self.summary(idle))")
        let client = app.client
        async let answers = Self.hammer(clients: clients, seconds: seconds) { loop, n in
            let response = try await client.post(URI(string: base + "/session"), headers: ["X-Forwarded-For": "198.18.\(loop).\(n % 250)"]) { req in
                try req.content.encode(["login": "bench-\(loop)-\(n)", "password": "mauvais"])
            }
            return response.status.code
        }
        let loaded = try await Self.measure(for: seconds, me)
        let counts = try await answers
        context.console.print("Pendant \(clients) boucles de mauvais mots de passe (\(seconds) s) : \(Self.summary(loaded))")
        context.console.print("Réponses aux connexions : " + counts.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }.joined(separator: ", "))
        context.console.print((Self.percentile(loaded, 0.95) < 50 ? "p95 < 50 ms : objectif tenu." : "p95 ≥ 50 ms : objectif manqué."))
        await app.server.shutdown()
    }

    /// `/me`, one request after the other, for this many seconds: each one's milliseconds.
    static func measure(for seconds: Int, _ call: () async throws -> Double) async throws -> [Double] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var times: [Double] = []
        while ContinuousClock.now < deadline { times.append(try await call()) }
        return times
    }

    /// `clients` loops sending logins without pause until the time is up: how many got which status.
    static func hammer(clients: Int, seconds: Int, _ attempt: @escaping @Sendable (Int, Int) async throws -> UInt) async throws -> [UInt: Int] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        return try await withThrowingTaskGroup(of: [UInt: Int].self) { group in
            for loop in 0..<clients {
                group.addTask {
                    var counts: [UInt: Int] = [:], n = 0
                    while ContinuousClock.now < deadline {
                        n += 1
                        counts[try await attempt(loop, n), default: 0] += 1
                    }
                    return counts
                }
            }
            var totals: [UInt: Int] = [:]
            for try await counts in group { totals.merge(counts, uniquingKeysWith: +) }
            return totals
        }
    }

    static func percentile(_ times: [Double], _ p: Double) -> Double {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    static func summary(_ times: [Double]) -> String {
        String(format: "%d requêtes GET /api/v1/me, p50 %.1f ms, p95 %.1f ms, max %.1f ms",
               times.count, percentile(times, 0.5), percentile(times, 0.95), times.max() ?? .nan)
    }
}
