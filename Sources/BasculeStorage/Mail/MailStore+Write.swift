import BasculeDomain
import FluentKit
import SQLKit

extension MailStore {
    /// Writes a message and its copies: each copy lands in its recipient's own year (the new one
    /// if their establishment has changed, whatever the sender's), `yearID` for someone with
    /// none. The one way a message is written, by a person (`send`) or by the platform.
    static func write(on sql: any SQLDatabase, yearID: Int, sender: Int?, sentAt: String, subject: String, body: String,
                      to accounts: [Int]) async throws -> Int {
        let years = try await EstablishmentYear.ownYears(of: accounts, on: sql)
        let id = try await sql.insert(into: "mail_messages")
            .columns("school_year_id", "sender_id", "sent_at", "subject", "body")
            .values(SQLBind(yearID), sender.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null, SQLBind(sentAt),
                    SQLBind(subject), SQLBind(body))
            .returning("id").first(decodingColumn: "id", as: Int.self)!
        let insert = sql.insert(into: "mail_deliveries")
            .columns("message_id", "account_id", "school_year_id", "folder_id", "is_read", "is_archived")
        for account in accounts {
            insert.values(SQLBind(id), SQLBind(account), SQLBind(years[account]?.id ?? yearID), SQLLiteral.null,
                          SQLBind(false), SQLBind(false))
        }
        try await insert.run()
        return id
    }

    /// A message from no one (the platform) to one person, in their own year's inbox, or the
    /// région's year: what tells someone their account was locked.
    public static func fromPlatform(to accountID: Int, subject: String, body: String, at sentAt: String,
                                    on db: any Database) async throws {
        var year = try await EstablishmentYear.ownYears(of: [accountID], on: db.sql)[accountID]?.id
        if year == nil { year = try await SchoolYear.current(on: db)?.requireID() }
        guard let yearID = year else { return }
        try await db.transaction { tx in
            _ = try await write(on: tx.sql, yearID: yearID, sender: nil, sentAt: sentAt, subject: subject, body: body,
                                to: [accountID])
        }
    }
}
