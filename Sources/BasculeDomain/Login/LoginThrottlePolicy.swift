/// How long a login must wait after failed attempts, per account and per client address: the
/// table below, read top to bottom. A wait that `locks` is a lock: its owner is told, the
/// operator can lift it. Attempts refused by a wait are not counted, so a loop of wrong
/// passwords costs one bcrypt per wait, and the right password is refused while one runs.
///
/// An address is a whole school behind one NAT at eight in the morning, so it waits far later
/// than an account does.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case account
        case address
    }

    public struct Step: Sendable, Equatable {
        /// From this many failures in a row…
        public let failures: Int
        /// …the next attempt waits this many seconds after the last failure.
        public let wait: Int
        public let locks: Bool

        public init(failures: Int, wait: Int, locks: Bool = false) {
            self.failures = failures
            self.wait = wait
            self.locks = locks
        }
    }

    public let steps: [Step]
    /// Failures older than this (since the last one) are forgotten: the count starts again.
    public let forgetAfter: Int

    public static let account = LoginThrottlePolicy(steps: [
        Step(failures: 3, wait: 5),
        Step(failures: 5, wait: 30),
        Step(failures: 8, wait: 120),
        Step(failures: 10, wait: 30 * 60, locks: true),
    ], forgetAfter: 3600)

    public static let address = LoginThrottlePolicy(steps: [
        Step(failures: 30, wait: 5),
        Step(failures: 60, wait: 60),
        Step(failures: 100, wait: 30 * 60, locks: true),
    ], forgetAfter: 3600)

    public static func of(_ scope: Scope) -> LoginThrottlePolicy {
        switch scope {
        case .account: .account
        case .address: .address
        }
    }

    /// The step a count of failures has reached, if any.
    public func step(after failures: Int) -> Step? {
        steps.last { failures >= $0.failures }
    }

    /// Until when (seconds since 1970) the next attempt waits, if it must: `nil` once the wait is over.
    public func waitsUntil(failures: Int, lastFailure: Int, now: Int) -> Int? {
        guard now - lastFailure < forgetAfter, let step = step(after: failures) else { return nil }
        let until = lastFailure + step.wait
        return until > now ? until : nil
    }
}
