import BasculeDomain
import Crypto
import Foundation

/// A school year of activity in every service, for the establishments of a generated académie:
/// sections and publications, logbooks, mail, school life, assessment, personal services, and
/// the Moodle, Médiacentre and carnet de liaison links. Deterministic for a seed; one
/// establishment at a time, so that memory stays flat.
public struct ActivityGenerator: Sendable {
    /// The file contents documents, attachments and photos share (content-addressed storage
    /// keeps one copy of each, as it would of a circular sent to every family).
    public let files: [GeneratedFile]
    let year: SchoolYearRow
    let subjects: [SubjectRow]
    let seed: UInt64
    /// The share of a real year's mail written: the tests' académie, copied into every test's
    /// database, writes a quarter of it (its mail was most of the rows copied).
    let mailShare: Double
    var ids = ServiceIDs()

    public init(seed: UInt64, year: SchoolYearRow, subjects: [SubjectRow], fileCount: Int = 64, mailShare: Double = 1) {
        self.seed = seed
        self.mailShare = mailShare
        self.year = year
        self.subjects = subjects
        var ids = ServiceIDs()
        self.files = (0..<fileCount).map { GeneratedFile(index: $0, id: ids.next("files")) }
        self.ids = ids
    }

    /// The rows of the shared files, to write before any establishment.
    public var fileRows: ServiceRows {
        var rows = ServiceRows()
        for file in files {
            rows.append("files", [.int(Int64(file.id)), .text(file.sha256), .int(Int64(file.bytes.count)),
                                  .text(file.mediaType)])
        }
        return rows
    }

    /// The services' rows of one establishment of the directory.
    /// The establishment's directory as its timetable left it: in mode 2 the software's end of
    /// year (early July) ends every class membership, the guide's trap that the plan warns of.
    public func directory(_ batch: EstablishmentBatch) -> EstablishmentBatch {
        guard GeneratedTimetable.mode(ofEstablishment: batch.establishment.id) == .software else { return batch }
        var batch = batch
        let end = GeneratedTimetable.calendar(of: year).endsOn
        for index in batch.classMemberships.indices { batch.classMemberships[index].endsOn = end }
        return batch
    }

    public mutating func activity(for batch: EstablishmentBatch) -> ServiceRows {
        var builder = ActivityBuilder(
            roster: Roster(batch), year: year, subjects: subjects, fileIDs: files.map(\.id), ids: ids, mailShare: mailShare,
            rng: SeededRandom(seed: seed &+ 0x5EED &* UInt64(batch.establishment.id)))
        builder.build()
        ids = builder.ids
        return builder.rows
    }
}

/// Rows per service table, each in the column order of `ServiceSchema`, tables in creation order.
public struct ServiceRows: Sendable {
    public private(set) var tables: [String: [[ColumnValue]]] = [:]

    public init() {}

    mutating func append(_ table: String, _ row: [ColumnValue]) {
        tables[table, default: []].append(row)
    }

    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// Tables with rows, parents before children.
    public var ordered: [(table: String, rows: [[ColumnValue]])] {
        ServiceSchema.all.compactMap { table in tables[table.name].map { (table.name, $0) } }
    }
}

/// Per-table id sequences for the service tables.
struct ServiceIDs: Sendable {
    private var last: [String: Int] = [:]

    mutating func next(_ table: String) -> Int {
        let id = (last[table] ?? 0) + 1
        last[table] = id
        return id
    }
}

/// A small document of known content: its bytes, digest and media type.
public struct GeneratedFile: Sendable {
    public let id: Int
    public let bytes: [UInt8]
    public let sha256: String
    public let mediaType: String

    init(index: Int, id: Int) {
        self.id = id
        let kinds = [("text/plain", "Compte rendu"), ("text/csv", "Relevé"), ("text/html", "Circulaire")]
        let (mediaType, title) = kinds[index % kinds.count]
        let text = "\(title) n° \(index + 1)\n" + String(repeating: "Texte du document \(index + 1). ", count: 20 + index % 40)
        self.bytes = Array(text.utf8)
        self.mediaType = mediaType
        self.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
