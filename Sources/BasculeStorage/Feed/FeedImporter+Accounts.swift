import BasculeDomain
import SQLKit

extension FeedImporter {
    /// People of the export: known ones are updated where they differ (and come back if they
    /// had left, with everything they had); new ones get an account and a unique login.
    func mergeAccounts(_ run: Int) async throws {
        try await sql.raw("""
            UPDATE accounts SET last_name = r.last_name, first_name = r.first_name, birth_date = r.birth_date,
                   email = r.email, ine = r.ine, state = \(AccountState.active), left_on = NULL
            FROM feed_staged_records r
            WHERE r.run_id = \(bind: run) AND r.kind IN (\(list: FeedStagedKind.people)) AND r.jointure = accounts.jointure
              AND (accounts.last_name IS DISTINCT FROM r.last_name OR accounts.first_name IS DISTINCT FROM r.first_name
                   OR accounts.birth_date IS DISTINCT FROM r.birth_date OR accounts.email IS DISTINCT FROM r.email
                   OR accounts.ine IS DISTINCT FROM r.ine OR accounts.state <> \(AccountState.active))
            """).run()

        var logins: LoginAllocator?
        // Page through each kind by jointure (an index range, no sort): new accounts get their
        // logins in the same order on every run and every engine.
        for kind in FeedStagedKind.people {
            var after = ""
            while true {
                let page = try await sql.raw("""
                    SELECT r.jointure, r.last_name, r.first_name, r.birth_date, r.email, r.ine FROM feed_staged_records r
                    WHERE r.run_id = \(bind: run) AND r.kind = \(kind) AND r.jointure > \(bind: after)
                      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.jointure = r.jointure)
                    ORDER BY r.jointure
                    LIMIT 5000
                    """).all()
                guard let last = page.last else { break }
                after = try last.decode(column: "jointure", as: String.self)
                if logins == nil {
                    logins = LoginAllocator(taken: try await sql.select().column("login").from("accounts")
                        .all(decodingColumn: "login", as: String.self))
                }
                var seen = Set<String>()
                var rows: [[ColumnValue]] = []
                // Read column by column: a Decodable row per person cost a quarter of the step.
                for row in page {
                    let jointure = try row.decode(column: "jointure", as: String.self)
                    guard seen.insert(jointure).inserted else { continue }
                    let lastName = try row.decode(column: "last_name", as: String.self)
                    let firstName = try row.decode(column: "first_name", as: String.self)
                    rows.append([.text(jointure), .text(AccountSource.feed.rawValue), .bool(false), .text(lastName), .text(firstName),
                                 .optional(try row.decode(column: "birth_date", as: String?.self)),
                                 .optional(try row.decode(column: "email", as: String?.self)),
                                 .text(logins!.take(first: firstName, last: lastName)),
                                 .optional(try row.decode(column: "ine", as: String?.self)),
                                 .text(AccountState.active.rawValue), .bool(false)])
                }
                try await BulkInserter(sql).insert(
                    into: "accounts",
                    columns: ["jointure", "source", "is_perennial", "last_name", "first_name", "birth_date", "email", "login",
                              "ine", "state", "is_operator"],
                    rows: rows)
            }
        }
    }
}
