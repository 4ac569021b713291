import FluentKit
import Foundation
import SQLKit

/// The rows of the sessions: looked up by the SHA-256 of the cookie's id, refused (and removed)
/// once idle too long or too old, whatever the cookie says. Times are seconds since 1970.
public struct SessionStore: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db.sql }

    public init(db: any Database) {
        self.db = db
    }

    public struct Limits: Sendable {
        public let idle: Int
        public let lifetime: Int

        public init(idle: Int, lifetime: Int) {
            self.idle = idle
            self.lifetime = lifetime
        }
    }

    public struct Row: Sendable, Decodable {
        public let data: String
        public let seen_at: Int
    }

    public func create(idSHA256: String, data: String, now: Int) async throws {
        try await sql.insert(into: "sessions").columns("id_sha256", "data", "created_at", "seen_at")
            .values(SQLBind(idSHA256), SQLBind(data), SQLBind(now), SQLBind(now)).run()
    }

    /// The session's row if it is still alive now; an expired one is deleted.
    public func read(idSHA256: String, now: Int, limits: Limits) async throws -> Row? {
        struct Stored: Decodable { let data: String; let created_at: Int; let seen_at: Int }
        guard let stored = try await sql.select().columns("data", "created_at", "seen_at").from("sessions")
            .where("id_sha256", .equal, idSHA256).first(decoding: Stored.self)
        else { return nil }
        guard now - stored.seen_at <= limits.idle, now - stored.created_at <= limits.lifetime else {
            try await delete(idSHA256: idSHA256)
            return nil
        }
        return Row(data: stored.data, seen_at: stored.seen_at)
    }

    public func update(idSHA256: String, data: String, now: Int) async throws {
        try await sql.update("sessions").set("data", to: data).set("seen_at", to: now)
            .where("id_sha256", .equal, idSHA256).run()
    }

    public func delete(idSHA256: String) async throws {
        try await sql.delete(from: "sessions").where("id_sha256", .equal, idSHA256).run()
    }

    /// Removes the sessions expired by now (a login calls it: no job of its own is needed).
    public func sweep(now: Int, limits: Limits) async throws {
        try await sql.delete(from: "sessions").where("seen_at", .lessThan, now - limits.idle)
            .orWhere("created_at", .lessThan, now - limits.lifetime).run()
    }
}
