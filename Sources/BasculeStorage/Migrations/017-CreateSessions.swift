import FluentKit
import SQLKit

/// Bascule's own sessions, replacing Vapor's `_fluent_sessions` (left in place, unused): the id
/// is kept as its SHA-256 only, so that a copy of the database opens no session, and both
/// instants the server's expiry needs are stored (seconds since 1970).
public struct CreateSessions: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field(.id, .int64, .identifier(auto: true))
            .field("id_sha256", .string, .required)
            .field("data", .string, .required)
            .field("created_at", .int64, .required)
            .field("seen_at", .int64, .required)
            .unique(on: "id_sha256")
            .create()
        // Each login sweeps the expired sessions (`SessionStore.sweep`): by index, not by a scan
        // of every session of the région.
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_sessions_seen_at").on("sessions").column("seen_at").run()
        try await sql.create(index: "ix_sessions_created_at").on("sessions").column("created_at").run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("sessions").delete()
    }
}
