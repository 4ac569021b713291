extension ServiceSchema {
    /// Internal mail. A message is written once; each recipient gets a delivery (their inbox
    /// entry), which they may file in a personal folder or archive. The sender's "sent" box is
    /// the messages they sent. Deliveries repeat the message's school year, so that hiding or
    /// purging a year's unfiled inboxes is a predicate on an indexed column.
    static let mail: [ServiceTable] = [
        ServiceTable("mail_folders", .mail, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .text("name"),
        ], indexes: [["account_id"]]),
        ServiceTable("mail_messages", .mail, scope: .account("sender_id"), read: .owner("sender_id"),
                     write: .dedicated, columns: [
            .year, .ref("sender_id", "accounts", required: false), .text("sent_at"), .text("subject"), .text("body"),
        ], indexes: [["sender_id"], ["school_year_id"]]),
        ServiceTable("mail_recipients", .mail, scope: .parent(column: "message_id", table: "mail_messages"),
                     read: .members, write: .dedicated, columns: [
            .ref("message_id", "mail_messages"), .ref("account_id", "accounts", required: false, onDelete: .cascade),
            .ref("group_id", "groups", required: false), .ref("class_id", "classes", required: false),
        ], indexes: [["message_id"], ["account_id"], ["group_id"], ["class_id"]]),
        ServiceTable("mail_deliveries", .mail, scope: .account("account_id"), read: .owner("account_id"),
                     write: .dedicated, columns: [
            .ref("message_id", "mail_messages"), .ref("account_id", "accounts"), .year,
            .ref("folder_id", "mail_folders", required: false), .bool("is_read"), .bool("is_archived"),
        ], indexes: [["account_id", "school_year_id"], ["message_id"], ["folder_id"], ["school_year_id"],
                     // Who has unfiled mail (the year change's dashboard), read from the index alone.
                     ["account_id", "school_year_id", "folder_id", "is_archived"]]),
        ServiceTable("mail_attachments", .mail, scope: .parent(column: "message_id", table: "mail_messages"),
                     read: .members, write: .dedicated, columns: [
            .ref("message_id", "mail_messages"), .file, .text("name"),
        ], indexes: [["message_id"], ["file_id"]]),
    ]
}
