import BasculeDomain
import FluentKit
import SQLKit

/// The locks the operator sees and lifts.
extension LoginThrottleStore {
    public struct Lock: Sendable, Equatable {
        public let accountID: Int
        public let login: String
        public let displayName: String
        public let failures: Int
        public let until: Int
    }

    /// The accounts locked now, for the operator only.
    public func locks(by viewer: Viewer, now: Int) async throws -> [Lock] {
        guard viewer.isOperator else { throw ServiceError.forbidden("Réservé à l'opérateur de la plateforme.") }
        let policy = LoginThrottlePolicy.account
        // Only the counts that reached a lock are read; whether it still runs is the policy's arithmetic.
        let lockedFrom = policy.steps.first { $0.locks }?.failures ?? Int.max
        struct Row: Decodable {
            let account_id: Int, login: String, first_name: String, last_name: String, failures: Int, last_failure_at: Int
        }
        let rows = try await sql.raw("""
            SELECT t.account_id, a.login, a.first_name, a.last_name, t.failures, t.last_failure_at
            FROM login_throttles t JOIN accounts a ON a.id = t.account_id
            WHERE t.scope = \(bind: LoginThrottlePolicy.Scope.account.rawValue) AND t.failures >= \(bind: lockedFrom)
            ORDER BY t.last_failure_at DESC
            """).all(decoding: Row.self)
        return rows.compactMap { row in
            guard policy.step(after: row.failures)?.locks == true,
                  let until = policy.waitsUntil(failures: row.failures, lastFailure: row.last_failure_at, now: now)
            else { return nil }
            return Lock(accountID: row.account_id, login: row.login, displayName: "\(row.first_name) \(row.last_name)",
                        failures: row.failures, until: until)
        }
    }

    /// Lifts an account's lock and forgets its failures; the operator only. `false` if it had none.
    @discardableResult
    public func unlock(accountID: Int, by viewer: Viewer) async throws -> Bool {
        guard viewer.isOperator else { throw ServiceError.forbidden("Réservé à l'opérateur de la plateforme.") }
        guard try await Account.find(accountID, on: db) != nil else { throw ServiceError.notFound(table: "accounts", id: accountID) }
        let rows = try await sql.raw("""
            DELETE FROM login_throttles WHERE scope = \(bind: LoginThrottlePolicy.Scope.account.rawValue)
            AND account_id = \(bind: accountID) RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
