import BasculeDomain
import FluentKit
import SQLKit

/// After the change, what « Archives » shows an establishment's members: the archive
/// sub-sections of "Classes" and the archived sections, with last year's logbook (as the
/// viewer may read it) under "Année précédente".
public struct ArchiveStore: Sendable {
    public struct Section: Sendable, Decodable {
        public let id: Int
        public let title: String
        public let kind: String
        public let school_year_id: Int?
        public let parent_title: String?
        public let archive_rule: YearChangeRule.ID?
    }

    /// A year's logbook, browsed by class, subject and month with `LogbookStore.listing`.
    public struct Logbook: Sendable {
        public let yearID: Int
        public let year: String
        /// The sessions the viewer may read.
        public let total: Int
    }

    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// The establishment's archived sections, and the logbook of each archive of the logbooks
    /// ("Année précédente") by section id.
    public func archives(establishmentID: Int) async throws -> (sections: [Section], logbooks: [Int: Logbook]) {
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw ServiceError.forbidden("Les archives sont réservées aux membres de l'établissement.")
        }
        let sql = db.sql
        let sections = try await sql.raw("""
            SELECT s.id, s.title, s.kind, s.school_year_id, p.title AS parent_title, s.archive_rule FROM sections s
            JOIN sections p ON p.id = s.parent_id
            WHERE s.establishment_id = \(bind: establishmentID) AND s.binned_on IS NULL AND s.purged_on IS NULL
            AND (s.kind = \(SectionKind.archive) OR p.kind = \(SectionKind.archive))
            ORDER BY s.school_year_id DESC, p.title, s.title, s.id
            """).all(decoding: Section.self)
        var logbooks: [Int: Logbook] = [:]
        for section in sections where section.archive_rule == .archiveLogbooks {
            guard let yearID = section.school_year_id else { continue }
            let visible = try await ServiceStore(viewer: viewer, db: db)
                .visibleRows(ServiceSchema.byName["logbook_sessions"]!, in: .establishment(id: establishmentID, yearID: yearID))
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM (\(visible.query)) v").first(decodingColumn: "n", as: Int.self) ?? 0
            let year = try await sql.raw("SELECT name FROM school_years WHERE id = \(bind: yearID)").first(decodingColumn: "name", as: String.self) ?? ""
            logbooks[section.id] = Logbook(yearID: yearID, year: year, total: total)
        }
        return (sections, logbooks)
    }
}
