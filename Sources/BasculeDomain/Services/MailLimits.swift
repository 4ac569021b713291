/// How much a pupil or a parent may write (personnel are not limited): one message reaches a
/// few people, not the whole establishment, and a runaway client cannot flood the inboxes.
/// Each platform sets its own (`BASCULE_MAIL_MAX_RECIPIENTS`, `BASCULE_MAIL_MAX_PER_HOUR`).
public struct MailLimits: Sendable, Equatable {
    public var recipientsPerMessage: Int
    /// Deliveries of their messages within one clock hour.
    public var recipientsPerHour: Int

    public init(recipientsPerMessage: Int, recipientsPerHour: Int) {
        self.recipientsPerMessage = recipientsPerMessage
        self.recipientsPerHour = recipientsPerHour
    }

    public static let standard = MailLimits(recipientsPerMessage: 30, recipientsPerHour: 100)
}
