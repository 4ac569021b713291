import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// The sections (rubriques) of an establishment as a viewer browses them: the tree they may
/// read, a section with its publications, shared folders and roles, and the publications
/// diffused on the home page and the public site. Reads go through `ServiceStore`'s visible
/// rows, so the section roles are the only rules (`Viewer+SectionAccess.swift`).
public struct SectionStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    var sql: any SQLDatabase { db.sql }
    static let sections = ServiceSchema.byName["sections"]!
    static let publications = ServiceSchema.byName["publications"]!
    static let roles = ServiceSchema.byName["section_roles"]!
    static let folders = ServiceSchema.byName["shared_folders"]!
    static let documents = ServiceSchema.byName["shared_documents"]!

    /// The sections the viewer may read, outside the recycle bin, by title.
    public func tree(in establishmentID: Int) async throws -> [SectionSummary] {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Les rubriques sont réservées aux membres de l'établissement.")
        }
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.sections, in: .establishment(id: establishmentID, yearID: nil))
        let sections = try await sql.raw("""
            SELECT v.id, v.parent_id, v.title, v.kind, v.is_temporary FROM (\(visible.query)) v
            WHERE v.binned_on IS NULL AND v.purged_on IS NULL ORDER BY v.id
            """).all(decoding: SectionSummary.self)
        // In a French reader's order: « Éducation musicale » before « Vie scolaire ».
        func key(_ title: String) -> String { title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) }
        return sections.sorted { (key($0.title), $0.id) < (key($1.title), $1.id) }
    }

    /// A section the viewer may read, with what is inside and what they may do there.
    public func section(id: Int, in establishmentID: Int) async throws -> SectionDetail {
        let store = ServiceStore(viewer: viewer, db: db)
        let row = try await visibleRow(id, in: establishmentID)
        let place = ServiceStore.Place.parent(table: Self.sections, id: id, establishmentID: establishmentID)
        let publications = try await store.visibleRows(Self.publications, in: place)
        let folders = try await store.list(Self.folders, in: place, after: nil, limit: 200).items
        let documents = try await self.documents(inFolders: folders.compactMap { $0["id"]?.int })
        let isArchived = try await isArchived(row, establishmentID: establishmentID)
        let canManage = isArchived ? false : try await allowed {
            try await viewer.checkSectionWrite(.sectionManagers, sectionID: id, establishmentID: establishmentID, on: sql)
        }
        let canContribute = isArchived ? false : try await allowed {
            try viewer.checkWrite(Self.publications.write, table: "publications", establishmentID: establishmentID)
            try await viewer.checkSectionWrite(.sectionContributors(author: nil), sectionID: id, establishmentID: establishmentID, on: sql)
        }
        return SectionDetail(
            summary: SectionSummary(id: id, parent_id: row["parent_id"]?.int, title: row["title"]?.string ?? "",
                                    kind: row["kind"]?.string ?? "", is_temporary: row["is_temporary"] == .bool(true)),
            publications: try await sql.raw("""
                SELECT v.id, v.title, v.body, v.published_on, v.on_home_page, v.on_public_site, v.author_id,
                a.first_name AS author_first_name, a.last_name AS author_last_name
                FROM (\(publications.query)) v LEFT JOIN accounts a ON a.id = v.author_id
                ORDER BY v.published_on DESC, v.id DESC LIMIT 50
                """).all(decoding: PublicationLine.self),
            folders: folders.compactMap { folder in
                folder["id"]?.int.map { SharedFolder(id: $0, name: folder["name"]?.string ?? "", documents: documents[$0] ?? []) }
            },
            roles: canManage ? try await roles(of: id) : [],
            canManage: canManage, canContribute: canContribute, administers: viewer.administers(establishmentID), isArchived: isArchived)
    }

    /// The row of a section the viewer may read, neither binned nor purged.
    func visibleRow(_ id: Int, in establishmentID: Int) async throws -> ServiceRecord {
        let row = try await ServiceStore(viewer: viewer, db: db).read(Self.sections, id: id, in: .establishment(id: establishmentID, yearID: nil))
        guard row["binned_on"] == .null, row["purged_on"] == .null else { throw ServiceError.notFound(table: "sections", id: id) }
        return row
    }

    /// A section of the archives (or of the recycle bin), or of a year that has ended, is read-only.
    private func isArchived(_ row: ServiceRecord, establishmentID: Int) async throws -> Bool {
        let closed: Set<SectionKind> = [.archives, .archive, .recycleBin]
        if let kind = row["kind"]?.string.flatMap(SectionKind.init(rawValue:)), closed.contains(kind) { return true }
        if let parent = row["parent_id"]?.int,
           let kind = try await sql.raw("SELECT kind FROM sections WHERE id = \(bind: parent)").first(decodingColumn: "kind", as: String.self)
               .flatMap(SectionKind.init(rawValue:)), closed.contains(kind) {
            return true
        }
        do { try await ServiceStore(viewer: viewer, db: db).checkYearOpen(row, in: establishmentID) } catch ServiceError.archivedYear { return true }
        return false
    }

    /// Whether a check passes: a refusal is a no; a failing database is an error, not a no.
    private func allowed(_ check: () async throws -> Void) async throws -> Bool {
        do { try await check(); return true } catch is ServiceError { return false }
    }

    private func roles(of sectionID: Int) async throws -> [SectionRoleLine] {
        try await sql.raw("""
            SELECT r.id, r.role, a.first_name, a.last_name, a.login, g.name AS group_name FROM section_roles r
            LEFT JOIN accounts a ON a.id = r.account_id LEFT JOIN groups g ON g.id = r.group_id
            WHERE r.section_id = \(bind: sectionID) ORDER BY r.role, a.last_name, g.name, r.id
            """).all(decoding: SectionRoleLine.self)
    }

    /// The publications diffused on the home page of an establishment the viewer belongs to.
    public func onHomePage(of establishmentID: Int, limit: Int = 10) async throws -> [PublicationLine] {
        guard viewer.canSee(establishmentID: establishmentID) else { return [] }
        return try await Self.diffused("p.on_home_page = \(bind: true)", of: establishmentID, limit: limit, on: sql)
    }

    /// The publications an establishment diffuses on its public site, which anyone reads.
    public static func onPublicSite(of establishmentID: Int, limit: Int = 10, on db: any Database) async throws -> [PublicationLine] {
        try await diffused("p.on_public_site = \(bind: true)", of: establishmentID, limit: limit, on: db.sql)
    }

    /// Newest first, from the sections outside the recycle bin.
    private static func diffused(_ flag: SQLQueryString, of establishmentID: Int, limit: Int, on sql: any SQLDatabase) async throws -> [PublicationLine] {
        try await sql.raw("""
            SELECT p.id, p.title, p.body, p.published_on, p.on_home_page, p.on_public_site, p.author_id,
            a.first_name AS author_first_name, a.last_name AS author_last_name
            FROM publications p JOIN sections s ON s.id = p.section_id LEFT JOIN accounts a ON a.id = p.author_id
            WHERE s.establishment_id = \(bind: establishmentID) AND s.binned_on IS NULL AND s.purged_on IS NULL AND \(flag)
            ORDER BY p.published_on DESC, p.id DESC LIMIT \(literal: limit)
            """).all(decoding: PublicationLine.self)
    }
}
