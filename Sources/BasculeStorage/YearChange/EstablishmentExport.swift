import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// What an establishment must keep before its change, as tables (each a CSV and a section of
/// the printable page) and the student record photos: the checklist's export items.
public struct EstablishmentExport: Sendable {
    public struct Table: Sendable {
        public let path: String
        public let title: String
        public let header: [String]
        public let rows: [[String]]
    }

    public struct Photo: Sendable {
        public let entry: String
        /// Where the blob is on disk.
        public let path: String
    }

    let sql: any SQLDatabase
    public let files: FileStore
    public let establishmentID: Int
    public let yearID: Int
    public let moodleCategories: [Int]

    public init(db: any Database, files: FileStore, establishmentID: Int, yearID: Int, moodleCategories: [Int]) {
        self.sql = db.sql
        self.files = files
        self.establishmentID = establishmentID
        self.yearID = yearID
        self.moodleCategories = moodleCategories
    }

    /// The student's class of the year in this establishment, for a row whose student column is
    /// `student` (a column of the outer query: the aliases inside are chosen not to shadow it).
    private func classOf(_ student: String) -> SQLQueryString {
        """
        (SELECT MIN(cl_.code) FROM class_memberships cm_ JOIN classes cl_ ON cl_.id = cm_.class_id
         WHERE cm_.account_id = \(unsafeRaw: student) AND cl_.establishment_id = \(bind: establishmentID) AND cl_.school_year_id = \(bind: yearID))
        """
    }

    /// The rows of the establishment's year, for the table aliased `alias`.
    private func yearRows(_ alias: String) -> SQLQueryString {
        "\(ident: alias).establishment_id = \(bind: establishmentID) AND \(ident: alias).school_year_id = \(bind: yearID)"
    }

    public func tables() async throws -> [Table] {
        let e = establishmentID, y = yearID
        let statistics = try await SchoolLifeStatistics.compute(establishmentID: e, yearID: y, on: sql)
        func counts(_ group: String, _ counts: [SchoolLifeStatistics.Count]) -> [[String]] {
            counts.map { [group, $0.label, String($0.count)] }
        }
        return [
            try await table("absences/dossiers-absences.csv", "Dossiers d'absences",
                            ["Élève", "Classe", "Ouvert le", "État", "Résumé"], """
                SELECT a.last_name || ' ' || a.first_name AS c0, \(classOf("f.student_id")) AS c1, f.opened_on AS c2,
                    CASE f.status WHEN 'open' THEN 'ouvert' ELSE 'clos' END AS c3, f.summary AS c4
                FROM absence_files f JOIN accounts a ON a.id = f.student_id WHERE \(yearRows("f"))
                ORDER BY 2, 1, f.id
                """),
            try await table("absences/absences.csv", "Absences", ["Élève", "Classe", "Début", "Fin", "Motif", "Justifiée", "Nature"], """
                SELECT a.last_name || ' ' || a.first_name AS c0, \(classOf("x.student_id")) AS c1, x.starts_at AS c2, x.ends_at AS c3,
                    COALESCE(r.label, '') AS c4, CASE WHEN x.is_justified THEN 'oui' ELSE 'non' END AS c5,
                    CASE x.kind WHEN \(bind: AbsenceKind.late.rawValue) THEN 'retard' ELSE 'absence' END AS c6
                FROM absences x JOIN accounts a ON a.id = x.student_id LEFT JOIN absence_reasons r ON r.id = x.reason_id
                WHERE \(yearRows("x")) ORDER BY 2, 1, x.starts_at, x.id
                """),
            Table(path: "absences/statistiques-absences.csv", title: "Statistiques d'absences",
                  header: ["Regroupement", "Libellé", "Nombre"],
                  rows: [["Total", "Absences", String(statistics.absences)],
                         ["Total", "Absences justifiées", String(statistics.justifiedAbsences)]]
                      + counts("Par motif", statistics.absencesByReason) + counts("Par classe", statistics.absencesByClass)),
            Table(path: "discipline/statistiques-punitions-sanctions.csv", title: "Statistiques de punitions et de sanctions",
                  header: ["Regroupement", "Libellé", "Nombre"],
                  rows: counts("Punitions par type", statistics.punishmentsByType)
                      + (try await rows(columns: 3, """
                          SELECT 'Punitions par motif' AS c0, COALESCE(r.label, 'Sans motif') AS c1, COUNT(*) AS c2 FROM punishments p
                          LEFT JOIN punishment_reasons r ON r.id = p.reason_id WHERE \(yearRows("p"))
                          GROUP BY r.label ORDER BY COUNT(*) DESC, r.label
                          """))
                      + counts("Sanctions par nature", statistics.sanctionsByKind)),
            try await table("conseils-de-classe/syntheses.csv", "Synthèses des conseils de classe",
                            ["Classe", "Période", "Date", "Synthèse"], """
                SELECT c.code AS c0, s.period AS c1, s.held_on AS c2, s.summary AS c3 FROM class_council_summaries s JOIN classes c ON c.id = s.class_id
                WHERE \(yearRows("s")) ORDER BY c.code, s.period, s.id
                """),
            try await table("carnet-de-liaison/conversations.csv", "Carnet de liaison",
                            ["Élève", "Classe", "Objet", "Commencée le", "Message de", "Envoyé le", "Message"], """
                SELECT s.last_name || ' ' || s.first_name AS c0, \(classOf("c.student_id")) AS c1, c.subject AS c2, c.started_at AS c3,
                    COALESCE(w.last_name || ' ' || w.first_name, '') AS c4, COALESCE(m.sent_at, '') AS c5, COALESCE(m.body, '') AS c6
                FROM liaison_conversations c JOIN accounts s ON s.id = c.student_id
                LEFT JOIN liaison_messages m ON m.conversation_id = c.id LEFT JOIN accounts w ON w.id = m.author_id
                WHERE \(yearRows("c")) ORDER BY 1, c.started_at, c.id, m.sent_at, m.id
                """),
            try await table("moodle/cours-enseignants-partants.csv", "Cours Moodle des enseignants qui partent",
                            ["Catégorie", "Cours", "Nom abrégé"], """
                SELECT k.name AS c0, c.full_name AS c1, c.short_name AS c2 FROM moodle_courses c JOIN moodle_categories k ON k.id = c.category_id
                WHERE k.id IN (\(binds: moodleCategories.isEmpty ? [0] : moodleCategories)) ORDER BY k.name, c.full_name, c.id
                """),
        ]
    }

    /// The year's photos, one entry per student, named after their class and name.
    public func photos() async throws -> [Photo] {
        struct Row: Decodable { let id: Int; let name: String; let class_code: String?; let sha256: String; let media_type: String }
        let rows = try await sql.raw("""
            SELECT p.id, a.last_name || ' ' || a.first_name AS name, \(classOf("p.student_id")) AS class_code, f.sha256, f.media_type
            FROM student_photos p JOIN accounts a ON a.id = p.student_id JOIN files f ON f.id = p.file_id
            WHERE \(yearRows("p")) ORDER BY p.id
            """).all(decoding: Row.self)
        return rows.map { row in
            let ext = switch row.media_type {
            case "image/jpeg": "jpg"
            case "image/png": "png"
            case "image/webp": "webp"
            default: "bin"
            }
            let folder = SafeFileName.make(row.class_code ?? "sans classe")
            return Photo(entry: "photos/\(folder)/\(SafeFileName.make(row.name))-\(row.id).\(ext)", path: files.path(of: row.sha256))
        }
    }

    private func table(_ path: String, _ title: String, _ header: [String], _ query: SQLQueryString) async throws -> Table {
        Table(path: path, title: title, header: header, rows: try await rows(columns: header.count, query))
    }

    /// The columns `c0`, `c1`, … of every row as text (SQLite and PostgreSQL type them differently).
    private func rows(columns: Int, _ query: SQLQueryString) async throws -> [[String]] {
        try await sql.raw(query).all().map { row in
            try (0..<columns).map { "c\($0)" }.map { column in
                // `try?` flattens a NULL text to nil: it then reads as an absent number, "".
                if let text = try? row.decode(column: column, as: String?.self) { return text }
                return try row.decode(column: column, as: Int?.self).map(String.init) ?? ""
            }
        }
    }
}
