import Synchronization
import Vapor

/// Bcrypt on threads of its own. A hash costs about 200 ms of a core: on the database's pool or
/// the event loops, a few clients sending wrong passwords stall every page. Here they wait for
/// these threads only, and past `limit` jobs (running and queued) a login is told to come back
/// later (503 with `Retry-After`) instead of queuing without end.
final class PasswordHashing: Sendable {
    /// The cost of new hashes: 2¹² rounds.
    static let cost = 12

    private let pool: NIOThreadPool
    private let limit: Int
    private let jobs = Mutex(0)

    init(settings: AppConfiguration.HashingSettings) {
        pool = NIOThreadPool(numberOfThreads: settings.threads)
        limit = settings.threads + settings.queue
        pool.start()
    }

    func verify(_ password: String, created hash: String) async throws -> Bool {
        try await run { try Bcrypt.verify(password, created: hash) }
    }

    func hash(_ password: String) async throws -> String {
        try await run { try Bcrypt.hash(password, cost: Self.cost) }
    }

    /// Runs blocking work on the pool, or refuses it at once when the pool is full.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = jobs.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Saturated() }
        defer { jobs.withLock { $0 -= 1 } }
        return try await pool.runIfActive(body)
    }

    func shutdown() async throws {
        try await pool.shutdownGracefully()
    }

    struct Saturated: AbortError {
        var status: HTTPResponseStatus { .serviceUnavailable }
        var reason: String { "Trop de connexions en même temps\u{A0}: réessayez dans quelques secondes." }
        var headers: HTTPHeaders { ["Retry-After": "5"] }
    }
}

extension Application {
    private struct HashingKey: StorageKey { typealias Value = PasswordHashing }

    /// The bcrypt pool, made by `configure` and shut down with the application.
    var passwordHashing: PasswordHashing {
        get { storage[HashingKey.self]! }
    }

    func startPasswordHashing(_ settings: AppConfiguration.HashingSettings) async {
        await storage.setWithAsyncShutdown(HashingKey.self, to: PasswordHashing(settings: settings)) { try await $0.shutdown() }
    }
}

extension Request {
    var passwordHashing: PasswordHashing { application.passwordHashing }
}
