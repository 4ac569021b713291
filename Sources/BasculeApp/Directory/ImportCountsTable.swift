import BasculeStorage
import Plot

/// An import's counts as a table, one row per kind: the establishment's history and the
/// operator's pages show them alike.
enum ImportCountsTable {
    static func render(_ lines: [FeedImportReport.Line]) -> Component {
        Table(header: TableRow {
            TableHeaderCell("Catégorie")
            TableHeaderCell("Créés")
            TableHeaderCell("Modifiés")
            TableHeaderCell("Inchangés")
            TableHeaderCell("Partis ou retirés")
            TableHeaderCell("Rejetés")
        }) {
            for line in lines {
                TableRow {
                    TableCell(French.capitalized(line.kind.label))
                    TableCell(String(line.counts.created))
                    TableCell(String(line.counts.updated))
                    TableCell(String(line.counts.unchanged))
                    TableCell(String(line.counts.left))
                    TableCell(String(line.counts.rejected))
                }
            }
        }
    }
}
