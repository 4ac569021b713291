import BasculeDomain
import BasculeFormats
import Foundation
import NIOCore
import SQLKit
import Synchronization

/// Stages an export: reads the files on two threads of their own (the XML parser calls back
/// synchronously, and reading is the slowest part) and writes their rows to the staging tables
/// in batches, one write at a time. Memory holds a few batches, whatever the export's size.
enum FeedStager {
    struct Outcome: Sendable {
        var records = 0
        var rejections: [FeedRejection] = []
        /// Records per (kind of file, attribute name) for the names `AAFVocabulary` does not know.
        var unknown: [UnknownName: Int] = [:]
    }

    struct UnknownName: Hashable, Sendable {
        let kind: AAFKind
        let name: String
    }

    static let batchSize = 5_000

    static func stage(_ files: [AAFFile], runID: Int, on db: any SQLDatabase, eventLoop: any EventLoop) async throws -> Outcome {
        let gate = WriteGate(eventLoop: eventLoop)
        let stop = StopFlag()
        // Two shares of about the same size: the biggest files first, each to the lighter share.
        var shares: [[AAFFile]] = [[], []]
        var sizes = [0, 0]
        for file in files.sorted(by: { $0.size > $1.size }) {
            let lighter = sizes[0] <= sizes[1] ? 0 : 1
            shares[lighter].append(file)
            sizes[lighter] += file.size
        }
        let (one, two) = (shares[0], shares[1])
        async let first = read(one, runID: runID, db: db, gate: gate, stop: stop)
        async let second = read(two, runID: runID, db: db, gate: gate, stop: stop)
        let results = [await first, await second]
        // The refusal reported is the first in import order, whichever thread met it.
        let failures = results.compactMap { result -> Failure? in
            guard case .failure(let failure) = result, !(failure.error is CancellationError) else { return nil }
            return failure
        }
        if let failure = failures.min(by: { a, b in
            guard let fa = a.file else { return false }
            guard let fb = b.file else { return true }
            return fa < fb
        }) {
            throw failure.error
        }
        var outcome = Outcome()
        for case .success(let part) in results {
            outcome.records += part.records
            outcome.rejections += part.rejections
            outcome.unknown.merge(part.unknown, uniquingKeysWith: +)
        }
        outcome.rejections.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        return outcome
    }

    private static func read(_ files: [AAFFile], runID: Int, db: any SQLDatabase, gate: WriteGate,
                             stop: StopFlag) async -> Result<Outcome, Failure> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: readBlocking(files, runID: runID, db: db, gate: gate, stop: stop))
            }
            thread.name = "bascule-aaf-reader"
            thread.start()
        }
    }

    /// The file a read failed in (if known), and why.
    struct Failure: Error {
        let file: AAFFile?
        let error: any Error
    }

    /// Runs on its own thread: waiting on a write here blocks neither an event loop nor the
    /// cooperative pool. A batch is written while the next is parsed.
    private static func readBlocking(_ files: [AAFFile], runID: Int, db: any SQLDatabase, gate: WriteGate,
                                     stop: StopFlag) -> Result<Outcome, Failure> {
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
            inFlight = gate.enqueue { try await write(rows, file: file.name, runID: runID, on: db) }
        }
        var current: AAFFile?
        do {
            for file in files {
                current = file
                let known = AAFVocabulary.attributes[file.kind] ?? []
                try AAFReader.read(file) { record in
                    if stop.isSet { throw CancellationError() }
                    outcome.records += 1
                    for name in record.attributes.keys where !known.contains(name) {
                        outcome.unknown[UnknownName(kind: file.kind, name: name), default: 0] += 1
                    }
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
            return .success(outcome)
        } catch {
            stop.set()
            // The staging is emptied after a refusal: no write may still be running then.
            _ = try? inFlight?.wait()
            return .failure(Failure(file: current, error: error))
        }
    }

    static let recordColumns = ["run_id", "operation", "kind", "jointure", "uai", "name", "establishment_kind", "academy",
                                "label", "last_name", "first_name", "birth_date", "email", "ine", "is_teacher", "file", "line",
                                "replaces"]
    static let linkColumns = ["run_id", "person", "kind", "establishment", "code", "subject", "flag"]

    private static func write(_ rows: FeedRows, file: String, runID: Int, on db: any SQLDatabase) async throws {
        let run = ColumnValue.int(Int64(runID))
        let add = ColumnValue.text(FeedStagedOperation.add.rawValue)
        let file = ColumnValue.text(file)
        var records: [[ColumnValue]] = rows.structures.map {
            [run, add, .text(FeedStagedKind.establishment.rawValue), .text($0.jointure), .text($0.uai), .text($0.name),
             .text($0.kind.rawValue), .text($0.academy), .null, .null, .null, .null, .null, .null, .null, file,
             .int(Int64($0.line)), .text("*")]
        }
        records += rows.codes.map {
            [run, add, .text(FeedStagedKind($0.kind).rawValue), .text($0.code), .null, .null, .null, .null,
             .text($0.label), .null, .null, .null, .null, .null, .null, file, .int(Int64($0.line)), .text("*")]
        }
        records += rows.persons.map { person -> [ColumnValue] in
            let kind = FeedStagedKind(person.kind)
            return [run, .text(FeedStagedOperation(person.operation).rawValue),
                    .text(person.operation == .delete ? FeedStagedKind.deleted.rawValue : kind.rawValue),
                    .text(person.jointure), .null, .null, .null, .null, .text(kind.rawValue), .optional(person.lastName),
                    .optional(person.firstName), .optional(person.birthDate?.iso), .optional(person.email),
                    .optional(person.ine), .bool(person.isTeacher), file, .int(Int64(person.line)), .text(person.replaces)]
        }
        let bulk = BulkInserter(db)
        try await bulk.insert(into: "feed_staged_records", columns: recordColumns, rows: records)
        try await bulk.insert(into: "feed_staged_links", columns: linkColumns, rows: rows.links.map {
            [run, .text($0.person), .text($0.kind.rawValue), .text($0.establishment), .text($0.code), .optional($0.subject),
             .bool($0.flag)]
        })
    }
}

/// Writes one at a time, in the order they are handed over: SQLite has one writer, and two
/// connections taking turns would spin on its busy handler.
final class WriteGate: Sendable {
    private let eventLoop: any EventLoop
    private let tail: Mutex<EventLoopFuture<Void>?>

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        self.tail = Mutex(nil)
    }

    func enqueue(_ write: @escaping @Sendable () async throws -> Void) -> EventLoopFuture<Void> {
        tail.withLock { tail in
            let previous = (tail ?? eventLoop.makeSucceededVoidFuture()).recover { _ in }
            let next = previous.flatMap { self.eventLoop.makeFutureWithTask(write) }
            tail = next
            return next
        }
    }
}

/// Tells the other reader to stop once one has failed.
final class StopFlag: Sendable {
    private let flag = Mutex(false)

    var isSet: Bool { flag.withLock { $0 } }

    func set() { flag.withLock { $0 = true } }
}
