import BasculeStorage
import Plot

/// An import's counts as a table, one row per kind: the establishment's history and the
/// operator's pages show them alike.
enum ImportCountsTable {
    static func render(_ rows: [(kind: String, counts: FeedImportReport.Counts)]) -> Component {
        Table(header: TableRow {
            TableHeaderCell("Catégorie")
            TableHeaderCell("Créés")
            TableHeaderCell("Modifiés")
            TableHeaderCell("Inchangés")
            TableHeaderCell("Partis")
            TableHeaderCell("Rejetés")
        }) {
            for (kind, counts) in rows {
                TableRow {
                    TableCell(label(kind))
                    TableCell(String(counts.created))
                    TableCell(String(counts.updated))
                    TableCell(String(counts.unchanged))
                    TableCell(String(counts.left))
                    TableCell(String(counts.rejected))
                }
            }
        }
    }

    static func label(_ kind: String) -> String {
        switch kind {
        case "establishment": "Établissement"
        case "subject": "Matières"
        case "mef": "Formations (MEF)"
        case "student": "Élèves"
        case "parent": "Responsables"
        case "personnel": "Personnels"
        default: kind
        }
    }
}
