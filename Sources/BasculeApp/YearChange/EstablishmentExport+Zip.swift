import BasculeStorage
import Foundation
import Plot
import ZIPFoundation

extension EstablishmentExport {
    /// Writes the ZIP: one CSV per table (`;`, UTF-8 with BOM, for French Excel), `index.html`
    /// with every table to print, and the photos as they were stored.
    func writeZip(to url: URL, title: String) async throws -> (tables: [Table], photos: Int) {
        let tables = try await tables()
        let photos = try await photos()
        let archive = try Archive(url: url, accessMode: .create)
        for table in tables {
            try add(try FrenchCSV.make(header: table.header, rows: table.rows), as: table.path, to: archive)
        }
        try add(Data(Self.printable(title: title, tables: tables, photos: photos.count).utf8), as: "index.html", to: archive)
        for photo in photos where FileManager.default.fileExists(atPath: photo.path) {
            try archive.addEntry(with: photo.entry, fileURL: URL(fileURLWithPath: photo.path), compressionMethod: .none)
        }
        return (tables, photos.count)
    }

    private func add(_ data: Data, as path: String, to archive: Archive) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// Every table on one page, laid out for printing.
    static func printable(title: String, tables: [Table], photos: Int) -> String {
        HTML(
            .lang(.french),
            .head(.encoding(.utf8), .element(named: "title", text: title), .style("""
                body{font-family:system-ui,sans-serif;font-size:11pt;margin:1.5cm}
                table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
                th,td{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}
                thead{display:table-header-group}
                h2{page-break-before:always}h2:first-of-type{page-break-before:auto}
                """)),
            .body(
                .h1(.text(title)),
                .p(.text("Photos des fiches élèves : \(French.count(photos, "fichier")), dans le dossier « photos », rangées par classe.")),
                .forEach(tables) { table in
                    .group(
                        .h2(.text("\(table.title) (\(table.rows.count))")),
                        .p(.text("Fichier tableur : \(table.path)")),
                        .table(
                            .thead(.tr(.forEach(table.header) { .th(.text($0)) })),
                            .tbody(.forEach(table.rows) { row in .tr(.forEach(row) { .td(.text($0)) }) })
                        )
                    )
                }
            )
        ).render()
    }
}
