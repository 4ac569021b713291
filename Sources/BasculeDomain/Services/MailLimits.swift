/// How much a pupil or a parent may write (personnel are not limited): one message reaches a
/// few people, not the whole establishment, and a runaway client cannot flood the inboxes.
public enum MailLimits {
    public static let recipientsPerMessage = 30
    /// Deliveries of their messages within one clock hour.
    public static let recipientsPerHour = 100
}
