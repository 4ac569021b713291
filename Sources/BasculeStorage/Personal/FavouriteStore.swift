import BasculeDomain
import FluentKit
import SQLKit

/// A person's favourites (`favourites`): links they keep, to a page of Bascule or to a site.
public struct FavouriteStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let table = ServiceSchema.byName["favourites"]!

    public struct Favourite: Sendable, Decodable, Equatable {
        public let id: Int
        public let title: String
        public let url: String
    }

    public static let limit = 200

    public func all() async throws -> [Favourite] {
        try await db.sql.raw("""
            SELECT id, title, url FROM favourites WHERE account_id = \(bind: viewer.accountID) ORDER BY title, id LIMIT \(bind: Self.limit)
            """).all(decoding: Favourite.self)
    }

    public func favourite(_ id: Int) async throws -> Favourite {
        guard let found = try await db.sql.raw("""
            SELECT id, title, url FROM favourites WHERE account_id = \(bind: viewer.accountID) AND id = \(bind: id)
            """).first(decoding: Favourite.self) else { throw ServiceError.notFound(table: Self.table.name, id: id) }
        return found
    }

    public func add(title: String, url: String) async throws -> Int {
        let count = try await db.sql.raw("SELECT COUNT(*) AS n FROM favourites WHERE account_id = \(bind: viewer.accountID)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        guard count < Self.limit else { throw ServiceError.tooMany("Vous avez déjà \(Self.limit) favoris\u{A0}: supprimez-en avant d'en ajouter.") }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.table, in: .personal, fields: [
            "title": .text(try ServiceStore.required(title, field: "title")), "url": .text(try Self.checked(url)),
        ])
        return created["id"]?.int ?? 0
    }

    public func update(_ id: Int, title: String, url: String) async throws {
        _ = try await ServiceStore(viewer: viewer, db: db).update(Self.table, id: id, in: .personal, fields: [
            "title": .text(try ServiceStore.required(title, field: "title")), "url": .text(try Self.checked(url)),
        ], editable: ["title", "url"])
    }

    public func delete(_ id: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(Self.table, id: id, in: .personal, files: files)
    }

    /// A link a page may put in an `href`: a web address (`http`, `https`) or a path of Bascule
    /// — never a script (`javascript:`), data, or an address that leaves the site by `//`.
    public static func checked(_ url: String) throws -> String {
        let url = try ServiceStore.required(url, field: "url")
        let refusal = ServiceError.invalid(field: "url", reason: "une adresse web (https://…) ou une page de Bascule (/…) est attendue")
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else { throw refusal }
        if url.hasPrefix("/") {
            guard !url.hasPrefix("//"), !url.hasPrefix("/\\") else { throw refusal }
            return url
        }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first, !host.isEmpty
        else { throw refusal }
        return url
    }
}
