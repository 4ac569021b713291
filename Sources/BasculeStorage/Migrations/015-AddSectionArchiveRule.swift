import FluentKit
import SQLKit

/// The rule that made an archive section (`YearChangeRule.ID`: `archive_logbooks`,
/// `archive_sections`…), so that the pages and the engine find last year's logbook archive by
/// what it is, not by its French title. The archive sections made before are named from their
/// titles as they were when this migration shipped (frozen here, whatever the rules say later).
public struct AddSectionArchiveRule: AsyncMigration {
    public init() {}

    static let titles: [(rule: String, title: String)] = [
        ("archive_logbooks", "Année précédente"),
        ("archive_roll_calls", "Archives des registres d'appel"),
        ("archive_punishments", "Archives des punitions"),
        ("archive_assessments", "Archives des relevés d'évaluations"),
        ("archive_skills", "Archivage des relevés de compétences"),
        ("archive_report_cards", "Archives des bulletins périodiques"),
        ("archive_cycle_reviews", "Archivage des bilans de fin de cycle"),
        ("archive_epi", "Archive des EPI"),
    ]

    public func prepare(on db: any Database) async throws {
        try await db.schema("sections").field("archive_rule", .string).update()
        let sql = db as! any SQLDatabase
        for (rule, title) in Self.titles {
            try await sql.raw("""
                UPDATE sections SET archive_rule = \(bind: rule) WHERE kind = 'archive' AND title = \(bind: title)
                """).run()
        }
        try await sql.raw("""
            UPDATE sections SET archive_rule = 'archive_sections'
            WHERE kind = 'archive' AND archive_rule IS NULL AND title LIKE 'Archives %'
            """).run()
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("sections").deleteField("archive_rule").update()
    }
}
