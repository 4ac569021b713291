import BasculeDomain
import FluentKit
import SQLKit

/// A person's preferences (`preferences`, one value per key), read by the pages that use them.
public struct PreferenceStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// The preferences Bascule's pages read, with the values each may take.
    public enum Key: String, Sendable, CaseIterable {
        /// How many messages a page of the mailbox lists.
        case itemsPerPage = "elements_par_page"

        public var choices: [String] {
            switch self {
            case .itemsPerPage: ["10", "25", "50", "100"]
            }
        }

        public var defaultValue: String {
            switch self {
            case .itemsPerPage: "25"
            }
        }
    }

    public func value(_ key: Key) async throws -> String {
        let stored = try await db.sql.raw("""
            SELECT value FROM preferences WHERE account_id = \(bind: viewer.accountID) AND key = \(bind: key.rawValue)
            """).first(decodingColumn: "value", as: String.self)
        return stored.flatMap { key.choices.contains($0) ? $0 : nil } ?? key.defaultValue
    }

    public func itemsPerPage() async throws -> Int {
        Int(try await value(.itemsPerPage)) ?? 25
    }

    /// Sets a preference to one of its values, replacing the one stored.
    public func set(_ key: Key, to value: String) async throws {
        guard key.choices.contains(value) else {
            throw ServiceError.invalid(field: key.rawValue, reason: "choisissez parmi \(key.choices.joined(separator: ", "))")
        }
        let table = ServiceSchema.byName["preferences"]!
        try await db.transaction { tx in
            try await tx.sql.delete(from: table.name).where("account_id", .equal, viewer.accountID).where("key", .equal, key.rawValue).run()
            _ = try await ServiceStore(viewer: viewer, db: tx).create(table, in: .personal, fields: [
                "key": .text(key.rawValue), "value": .text(value),
            ])
        }
    }
}
