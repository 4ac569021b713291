import BasculeDomain
import FluentKit
import SQLKit

/// Who sets a password: the person their own (the flag of a temporary one cleared), an
/// administrator of one of the account's establishments a temporary one (flag set). Hashing is
/// the caller's (bcrypt's own pool), done only once the access is granted.
public struct PasswordStore: Sendable {
    public let viewer: Viewer
    let db: any Database
    var sql: any SQLDatabase { db.sql }

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    public func setOwn(hash: String) async throws {
        try await sql.update("accounts").set("password_hash", to: hash).set("must_change_password", to: false)
            .where("id", .equal, viewer.accountID).run()
    }

    /// Gives the account a temporary password (`hash` makes it once access is granted): the
    /// operator for anyone, an establishment's administrators for its people, never for an
    /// operator's account.
    public func reset(accountID: Int, hash: () async throws -> String) async throws {
        guard let account = try await Account.find(accountID, on: db) else { throw ServiceError.notFound(table: "accounts", id: accountID) }
        let establishments = try await sql.select().distinct().column("establishment_id").from("profiles")
            .where("account_id", .equal, accountID).all(decodingColumn: "establishment_id", as: Int.self)
        guard viewer.isOperator || (!account.isOperator && establishments.contains(where: viewer.administers)) else {
            throw ServiceError.forbidden("Seuls les administrateurs de l'établissement de ce compte en réinitialisent le mot de passe.")
        }
        try await sql.update("accounts").set("password_hash", to: try await hash()).set("must_change_password", to: true)
            .where("id", .equal, accountID).run()
        try await LoginThrottleStore(db: db).forget(login: account.login)
    }
}
