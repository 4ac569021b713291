import BasculeDomain
import CSV
import Foundation

/// A CSV that French Excel opens as it is: UTF-8 with a byte-order mark, `;` between fields,
/// CRLF between lines; fields quoted when they need it, and never read as a formula
/// (`SpreadsheetCell`).
public enum FrenchCSV {
    public static func make(header: [String], rows: [[String]]) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory(), delimiter: ";", newline: .crlf)
        // A header can be user text too (a form's questions): never a formula either.
        try writer.write(row: header.map(SpreadsheetCell.neutralised))
        for row in rows { try writer.write(row: row.map(SpreadsheetCell.neutralised)) }
        writer.stream.close()
        let body = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body + Data("\r\n".utf8)
    }
}
