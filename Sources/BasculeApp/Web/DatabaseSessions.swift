import BasculeStorage
import Crypto
import Vapor

/// Sessions in Bascule's own table (`SessionStore`): the cookie carries a random id, the
/// database only its SHA-256, and the server ends a session idle for
/// `BASCULE_SESSION_IDLE_MINUTES` or older than `BASCULE_SESSION_MAX_HOURS`, whatever the
/// browser keeps. In the database, so that any instance serves any session.
struct DatabaseSessions: AsyncSessionDriver {
    let settings: AppConfiguration.SessionSettings

    var limits: SessionStore.Limits { .init(idle: settings.idleMinutes * 60, lifetime: settings.maxHours * 3600) }

    /// A session last written less than this ago is not written again for an unchanged read: a
    /// page served is not a write of the database.
    static let touchEvery = 60

    static func sha256(_ id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let store = SessionStore(db: request.db)
        let now = request.clock.epochSeconds
        try await store.sweep(now: now, limits: limits)
        try await store.create(idSHA256: Self.sha256(id), data: try Self.encode(data), now: now)
        return SessionID(string: id)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let row = try await SessionStore(db: request.db).read(idSHA256: Self.sha256(sessionID.string), now: request.clock.epochSeconds,
                                                                   limits: limits)
        else { return nil }
        request.storage[ReadKey.self] = row
        return try JSONDecoder().decode(SessionData.self, from: Data(row.data.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let encoded = try Self.encode(data)
        let now = request.clock.epochSeconds
        if let read = request.storage[ReadKey.self], read.data == encoded, now - read.seen_at < Self.touchEvery { return sessionID }
        try await SessionStore(db: request.db).update(idSHA256: Self.sha256(sessionID.string), data: encoded, now: now)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionStore(db: request.db).delete(idSHA256: Self.sha256(sessionID.string))
    }

    private struct ReadKey: StorageKey { typealias Value = SessionStore.Row }

    /// Sorted keys: the same data is the same text, so an unchanged session is seen as such.
    private static func encode(_ data: SessionData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }
}
