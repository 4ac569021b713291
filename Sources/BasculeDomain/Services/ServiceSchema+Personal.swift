extension ServiceSchema {
    /// Targeted messages (communications ciblées): their history is kept across years.
    static let targetedMessages: [ServiceTable] = [
        ServiceTable("targeted_messages", .targetedMessages, read: .administrators, write: .administrators, columns: [
            .establishment, .ref("author_id", "accounts", required: false), .text("title"), .text("body"),
            .text("sent_at"), .choice("audience", ["parents", "students", "staff", "all"]),
        ], indexes: [["establishment_id"], ["author_id"]]),
        ServiceTable("targeted_message_recipients", .targetedMessages,
                     scope: .parent(column: "message_id", table: "targeted_messages"),
                     read: .owner("account_id"), write: .administrators, columns: [
            .ref("message_id", "targeted_messages"), .ref("account_id", "accounts"), .text("read_at", required: false),
        ], uniques: [["message_id", "account_id"]], indexes: [["account_id"]]),
    ]

    /// Personal services: a person's own, kept across years and establishments.
    static let personal: [ServiceTable] = [
        ServiceTable("preferences", .personal, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .text("key"), .text("value"),
        ], uniques: [["account_id", "key"]]),
        ServiceTable("box_folders", .personal, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .ref("parent_id", "box_folders", required: false, onDelete: .cascade),
            .text("name"),
        ], indexes: [["account_id"], ["parent_id"]]),
        ServiceTable("box_documents", .personal, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .ref("folder_id", "box_folders", required: false, onDelete: .cascade),
            .file, .text("name"), .text("added_on"),
        ], indexes: [["account_id"], ["folder_id"], ["file_id"]]),
        ServiceTable("calendar_events", .personal, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .text("title"), .text("starts_at"), .text("ends_at"),
            .text("location", required: false),
        ], indexes: [["account_id"]]),
        ServiceTable("favourites", .personal, scope: .account("account_id"), read: .owner("account_id"),
                     write: .owner("account_id"), columns: [
            .ref("account_id", "accounts"), .text("title"), .text("url"),
        ], indexes: [["account_id"]]),
        // Forms are written by a person for an establishment; its members answer them.
        ServiceTable("forms", .personal, read: .members, write: .author("owner_id"), columns: [
            .establishment, .ref("owner_id", "accounts"), .text("title"), .bool("is_open"), .text("created_on"),
        ], indexes: [["establishment_id"], ["owner_id"]]),
        ServiceTable("form_questions", .personal, scope: .parent(column: "form_id", table: "forms"),
                     read: .members, write: .personnel, columns: [
            .ref("form_id", "forms"), .int("position"), .text("label"),
        ], indexes: [["form_id"]]),
        ServiceTable("form_answers", .personal, scope: .parent(column: "question_id", table: "form_questions"),
                     read: .student("respondent_id"), write: .author("respondent_id"), columns: [
            .ref("question_id", "form_questions"), .ref("respondent_id", "accounts"), .text("value"),
            .text("answered_at"),
        ], uniques: [["question_id", "respondent_id"]], indexes: [["respondent_id"]]),
    ]
}
