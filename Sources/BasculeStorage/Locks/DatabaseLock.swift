import Foundation
import SQLKit

/// A named lock held in the database, so that several Bascule instances (or CLI runs) on one
/// database never run the same exclusive job at once: two imports, later two year changes.
///
/// The lock is a lease: its holder renews it every quarter of `staleAfter` while the job
/// runs, and a lock not renewed for `staleAfter` is taken over. A process killed while
/// holding it (a crash, `kill -9`) stops renewing, so the next run waits one lease at most,
/// however long the job would have lasted.
public struct DatabaseLock: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case held(name: String, by: String, since: String)

        public var description: String {
            switch self {
            case .held(let name, let holder, let since): "« \(name) » est déjà en cours (\(holder), depuis \(since))"
            }
        }
    }

    let db: any SQLDatabase
    public let name: String
    let holder: String
    let staleAfter: TimeInterval

    public init(_ name: String, on db: any SQLDatabase, holder: String, staleAfter: TimeInterval = 6 * 3600) {
        self.db = db
        self.name = name
        self.holder = holder
        self.staleAfter = staleAfter
    }

    /// Runs `body` holding the lock; throws `Failure.held` if another holder has it.
    public func run<T: Sendable>(now: Date = Date(), _ body: () async throws -> T) async throws -> T {
        try await acquire(now: now)
        let renewal = Task { [self] in await renewUntilCancelled() }
        do {
            let result = try await body()
            renewal.cancel()
            _ = await renewal.value
            try await release()
            return result
        } catch {
            renewal.cancel()
            _ = await renewal.value
            try? await release()
            throw error
        }
    }

    /// A renewal that fails (a busy database) is retried at the next beat: the lease's other
    /// three quarters are the margin.
    private func renewUntilCancelled() async {
        let beat = Duration.milliseconds(Int64(staleAfter * 1000 / 4))
        while !Task.isCancelled {
            do { try await Task.sleep(for: beat) } catch { return }
            try? await renew(on: db)
        }
    }

    /// Renews the lease on `db`: as the last statement of a long transaction, so that on
    /// SQLite (one writer: the beats wait for the commit) the lease is fresh when it commits.
    public func renew(on db: any SQLDatabase) async throws {
        let stamp = ISO8601DateFormatter().string(from: Date())
        try await db.update("locks").set("acquired_at", to: stamp)
            .where("name", .equal, name).where("holder", .equal, holder).run()
    }

    private func acquire(now: Date) async throws {
        let stamp = ISO8601DateFormatter().string(from: now)
        let cutoff = ISO8601DateFormatter().string(from: now.addingTimeInterval(-staleAfter))
        // Take over a stale lock, then try to insert: the primary key lets only one insert win.
        try await db.delete(from: "locks").where("name", .equal, name).where("acquired_at", .lessThan, cutoff).run()
        let inserted = try await db.raw("""
            INSERT INTO locks (name, holder, acquired_at) VALUES (\(bind: name), \(bind: holder), \(bind: stamp))
            ON CONFLICT (name) DO NOTHING
            RETURNING name
            """).all()
        guard inserted.isEmpty else { return }
        struct Row: Decodable { let holder: String; let acquired_at: String }
        let current = try await db.select().columns("holder", "acquired_at").from("locks").where("name", .equal, name)
            .first(decoding: Row.self)
        throw Failure.held(name: name, by: current?.holder ?? "?", since: current?.acquired_at ?? "?")
    }

    private func release() async throws {
        try await db.delete(from: "locks").where("name", .equal, name).where("holder", .equal, holder).run()
    }
}
