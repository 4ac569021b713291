import BasculeDomain
import FluentKit
import SQLKit

/// The failed-login counts of `LoginThrottlePolicy`, kept in the database so that whichever
/// instance a client reaches, it waits the same. Times are seconds since 1970.
public struct LoginThrottleStore: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db.sql }

    public init(db: any Database) {
        self.db = db
    }

    /// What one attempt is counted against: its login (known or not) and its client address.
    public struct Key: Sendable, Equatable {
        public let scope: LoginThrottlePolicy.Scope
        public let subject: String
        public let accountID: Int?

        public static func login(_ login: String, accountID: Int?) -> Key {
            Key(scope: .account, subject: login.lowercased(), accountID: accountID)
        }

        public static func address(_ address: String) -> Key {
            Key(scope: .address, subject: address, accountID: nil)
        }
    }

    public struct Wait: Sendable, Equatable {
        public let scope: LoginThrottlePolicy.Scope
        public let until: Int
        public let isLock: Bool
    }

    private struct Row: Decodable {
        let scope: LoginThrottlePolicy.Scope
        let failures: Int
        let last_failure_at: Int
    }

    /// The longest wait these keys are under now, if any.
    public func wait(for keys: [Key], now: Int) async throws -> Wait? {
        var longest: Wait?
        for key in keys {
            guard let row = try await sql.select().columns("scope", "failures", "last_failure_at").from("login_throttles")
                .where("scope", .equal, key.scope.rawValue).where("subject", .equal, key.subject).first(decoding: Row.self)
            else { continue }
            let policy = LoginThrottlePolicy.of(key.scope)
            if let until = policy.waitsUntil(failures: row.failures, lastFailure: row.last_failure_at, now: now),
               until > longest?.until ?? 0 {
                longest = Wait(scope: key.scope, until: until,
                               isLock: policy.step(after: row.failures)?.locks ?? false)
            }
        }
        return longest
    }

    /// Counts a failure against each key (one statement each, so that parallel attempts on
    /// several instances all count) and answers the wait it starts, if any.
    @discardableResult
    public func recordFailure(_ keys: [Key], now: Int) async throws -> Wait? {
        // Counts a policy has forgotten are of no use: without this, a stream of made-up logins
        // would grow the table for ever.
        let memory = LoginThrottlePolicy.Scope.allCases.map { LoginThrottlePolicy.of($0).forgetAfter }.max() ?? 0
        try await sql.delete(from: "login_throttles").where("last_failure_at", .lessThan, now - memory).run()
        var longest: Wait?
        for key in keys {
            let policy = LoginThrottlePolicy.of(key.scope)
            let account: any SQLExpression = key.accountID.map { SQLBind($0) } ?? SQLLiteral.null
            let failures = try await sql.raw("""
                INSERT INTO login_throttles (scope, subject, account_id, failures, last_failure_at)
                VALUES (\(bind: key.scope.rawValue), \(bind: key.subject), \(account), 1, \(bind: now))
                ON CONFLICT (scope, subject) DO UPDATE SET
                    failures = CASE WHEN login_throttles.last_failure_at < \(bind: now - policy.forgetAfter) THEN 1
                                    ELSE login_throttles.failures + 1 END,
                    last_failure_at = \(bind: now)
                RETURNING failures
                """).first(decodingColumn: "failures", as: Int.self) ?? 1
            if let step = policy.step(after: failures), now + step.wait > longest?.until ?? 0 {
                longest = Wait(scope: key.scope, until: now + step.wait, isLock: step.locks)
            }
        }
        return longest
    }

    /// A successful login forgets its account's failures (not its address's: one right
    /// password must not clear a whole NAT's count).
    public func forget(login: String) async throws {
        try await sql.delete(from: "login_throttles").where("scope", .equal, LoginThrottlePolicy.Scope.account.rawValue)
            .where("subject", .equal, login.lowercased()).run()
    }
}
