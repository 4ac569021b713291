import BasculeDomain
import Foundation
import NIOCore
import SQLKit

/// Stages an export: reads every file (streaming, on a thread of its own, since the XML
/// parser calls back synchronously) and writes its rows to the staging tables in batches.
/// Memory holds one batch, whatever the export's size.
enum FeedStager {
    struct Outcome: Sendable {
        var records = 0
        var rejections: [FeedRejection] = []
    }

    static let batchSize = 5_000

    static func stage(_ files: [AAFFile], runID: Int, on db: any SQLDatabase, eventLoop: any EventLoop) async throws -> Outcome {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try stageBlocking(files, runID: runID, db: db, eventLoop: eventLoop))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "bascule-aaf-reader"
            thread.start()
        }
    }

    /// Runs on its own thread: waiting on a write here blocks neither an event loop nor the
    /// cooperative pool. One batch is written while the next is parsed (two cores, two halves
    /// of the work); memory holds at most those two batches.
    private static func stageBlocking(_ files: [AAFFile], runID: Int, db: any SQLDatabase,
                                      eventLoop: any EventLoop) throws -> Outcome {
        var outcome = Outcome()
        var pending = FeedRows()
        var pendingCount = 0
        var inFlight: EventLoopFuture<Void>?
        // A batch holds rows of one file, so that each row can name its file.
        func flush(_ file: AAFFile) throws {
            let rows = pending
            pending = FeedRows()
            pendingCount = 0
            try inFlight?.wait()
            inFlight = eventLoop.makeFutureWithTask { try await write(rows, file: file.name, runID: runID, on: db) }
        }
        do {
            for file in files {
                try AAFReader.read(file) { record in
                    outcome.records += 1
                    let rows = FeedMapping.rows(from: record, kind: file.kind, file: file.name)
                    outcome.rejections += rows.rejections
                    pending.structures += rows.structures
                    pending.codes += rows.codes
                    pending.persons += rows.persons
                    pending.links += rows.links
                    pendingCount += rows.structures.count + rows.codes.count + rows.persons.count + rows.links.count
                    if pendingCount >= batchSize { try flush(file) }
                }
                try flush(file)
            }
            try inFlight?.wait()
        } catch {
            // The staging is emptied after a refusal: no write may still be running then.
            _ = try? inFlight?.wait()
            throw error
        }
        return outcome
    }

    static let recordColumns = ["run_id", "operation", "kind", "jointure", "uai", "name", "establishment_kind", "academy",
                                "label", "last_name", "first_name", "birth_date", "email", "ine", "is_teacher", "file", "line",
                                "replaces"]
    static let linkColumns = ["run_id", "person", "kind", "establishment", "code", "subject", "flag"]

    private static func write(_ rows: FeedRows, file: String, runID: Int, on db: any SQLDatabase) async throws {
        let run = ColumnValue.int(Int64(runID))
        let add = ColumnValue.text("add")
        let file = ColumnValue.text(file)
        var records: [[ColumnValue]] = rows.structures.map {
            [run, add, .text("establishment"), .text($0.jointure), .text($0.uai), .text($0.name), .text($0.kind.rawValue),
             .text($0.academy), .null, .null, .null, .null, .null, .null, .null, file, .int(Int64($0.line)), .text("*")]
        }
        records += rows.codes.map {
            [run, add, .text($0.kind == .subject ? "subject" : "mef"), .text($0.code), .null, .null, .null, .null,
             .text($0.label), .null, .null, .null, .null, .null, .null, file, .int(Int64($0.line)), .text("*")]
        }
        records += rows.persons.map {
            // A deletion is staged apart (kind "deleted"), so that no step takes it for a person of the export.
            [run, .text($0.operation.staged), .text($0.operation == .delete ? "deleted" : FeedPersonKind($0.kind).rawValue),
             .text($0.jointure), .null, .null, .null, .null, .text(FeedPersonKind($0.kind).rawValue), .optional($0.lastName), .optional($0.firstName), .optional($0.birthDate?.iso), .optional($0.email),
             .optional($0.ine), .bool($0.isTeacher), file, .int(Int64($0.line)), .text($0.replaces)]
        }
        let bulk = BulkInserter(db)
        try await bulk.insert(into: "feed_staged_records", columns: recordColumns, rows: records)
        try await bulk.insert(into: "feed_staged_links", columns: linkColumns, rows: rows.links.map {
            [run, .text($0.person), .text($0.kind.rawValue), .text($0.establishment), .text($0.code), .optional($0.subject),
             .bool($0.flag)]
        })
    }
}

extension AAFRecord.Operation {
    /// As in `feed_staged_records.operation`.
    var staged: String {
        switch self {
        case .add: "add"
        case .modify: "modify"
        case .delete: "delete"
        }
    }
}

/// The person kinds of the staging area, as in `feed_staged_records.kind`.
enum FeedPersonKind: String {
    case student, parent, personnel

    init(_ kind: AAFKind) {
        switch kind {
        case .student: self = .student
        case .parent: self = .parent
        default: self = .personnel
        }
    }
}
