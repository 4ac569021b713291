import BasculeDomain
import BasculeFormats
import FluentKit
import Foundation
import NIOCore
import SQLKit

/// Imports a full AAF export into a school year: stage (parse and validate everything), check
/// references, hold establishments with implausible departures, then merge with set-based SQL
/// in one transaction. A refused export leaves the directory as it was.
public struct FeedImporter: Sendable {
    public struct Options: Sendable {
        public var year: SchoolYearName
        public var dryRun = false
        public var confirmDepartures = false
        /// Share of an establishment's fed accounts that may leave in one export without a hold.
        public var departureThreshold = 0.30
        /// Days an account stays `left` before it is `deleted`.
        public var graceDays = 90
        /// The import's date (departures are dated with it); injected for tests.
        public var today: CalendarDate

        public init(year: SchoolYearName, today: CalendarDate) {
            self.year = year
            self.today = today
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case refused(AAFError)
        case archivedYear(SchoolYearName)

        public var description: String {
            switch self {
            case .refused(let error): "export refusé — \(error)"
            case .archivedYear(let year): "l'année \(year) est archivée : elle ne reçoit plus d'import"
            }
        }
    }

    let db: any Database
    let options: Options
    /// A delta export (`…_Delta_…`): changes on top of the directory, no departure by absence.
    let isDelta: Bool
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(db: any Database, options: Options) {
        self.init(db: db, options: options, isDelta: false)
    }

    init(db: any Database, options: Options, isDelta: Bool) {
        self.db = db
        self.options = options
        self.isDelta = isDelta
    }

    /// The import lock's lease: renewed while the import runs, so a killed import blocks the
    /// next one for two minutes at most.
    public static let lockLease: TimeInterval = 120

    /// One import at a time per database: two merges of the same directory would interleave.
    public func run(directory: String, clock: @Sendable () -> String = { ISO8601DateFormatter().string(from: Date()) }) async throws -> FeedImportReport {
        let holder = "import AAF \((directory as NSString).lastPathComponent), pid \(ProcessInfo.processInfo.processIdentifier)"
        let files: [AAFFile]
        do { files = try AAFFile.export(in: directory) } catch { throw Failure.refused(error) }
        let importer = FeedImporter(db: db, options: options, isDelta: !files[0].isFull)
        let lock = DatabaseLock("import AAF", on: sql, holder: holder, staleAfter: Self.lockLease)
        return try await lock.run {
            try await importer.runLocked(files: files, source: (directory as NSString).lastPathComponent, lock: lock, clock: clock)
        }
    }

    private func runLocked(files: [AAFFile], source: String, lock: DatabaseLock,
                           clock: @Sendable () -> String) async throws -> FeedImportReport {
        let started = ContinuousClock.now
        try await closeInterruptedRuns(at: clock())
        let runID = try await startRun(source: source, isFull: !isDelta, exportDate: files[0].date, at: clock())
        do {
            var clockStart = ContinuousClock.now
            func lap(_ name: String) -> FeedImportReport.Step {
                defer { clockStart = ContinuousClock.now }
                return .init(name: name, seconds: (ContinuousClock.now - clockStart).seconds)
            }
            if isDelta { try await requireFullImport(before: files[0]) }
            try await emptyStaging()
            try await FeedSQL.dropStagingIndexes(on: sql)
            let staged = try await FeedStager.stage(files, runID: runID, on: sql, eventLoop: db.eventLoop)
            try await FeedSQL.createStagingIndexes(on: sql)
            try await FeedSQL.refreshStatistics(["feed_staged_records", "feed_staged_links"], on: sql)
            var steps = [lap("staging")]
            var report = FeedImportReport(runID: runID, source: source, year: options.year.description,
                                          exportDate: files[0].date.iso, state: .applied, records: staged.records,
                                          lines: [], holds: [], rejections: staged.rejections, seconds: 0)
            report.unknownAttributes = staged.unknown.map { .init(kind: $0.key.kind.rawValue, name: $0.key.name, records: $0.value) }
                .sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
            if isDelta { report.rejections += try await completeDelta(runID: runID) }
            report.rejections += try await rejectDanglingReferences(runID: runID)
            steps.append(lap("references"))
            let yearID = try await existingSchoolYearID()
            report.holds = try await holds(runID: runID)
            if !report.holds.isEmpty { try await releaseHeld(report.holds, runID: runID) }
            steps.append(lap("holds"))
            report.lines = try await countChanges(runID: runID, rejections: report.rejections)
            report.sumLines()
            let establishmentsLeft = try await sql.raw("SELECT COUNT(*) AS n FROM (\(FeedSQL.exportEstablishments(runID, delta: isDelta))) x")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            let newEstablishments = try await countNewEstablishments(runID: runID)
            steps.append(lap("counts"))
            if options.dryRun {
                report.state = .dryRun
            } else if !report.holds.isEmpty && establishmentsLeft == 0 && newEstablishments == 0 {
                report.state = .held
            } else {
                // The year, if new, is created with the rest: a refused or held import creates nothing.
                steps += try await db.transaction { tx in
                    let importer = FeedImporter(db: tx, options: options, isDelta: isDelta)
                    let year = if let yearID { yearID } else { try await importer.createSchoolYear() }
                    let applied = try await importer.apply(runID: runID, yearID: year)
                    try await lock.renew(on: importer.sql)
                    return applied
                }
            }
            report.steps = steps
            report.seconds = (ContinuousClock.now - started).seconds
            try await finishRun(runID, state: ImportRunState(report.state), report: report, at: clock())
            return report
        } catch {
            let refusal = (error as? AAFError).map { Failure.refused($0) } ?? error
            let refused = refusal is Failure
            try? await finishRun(runID, state: refused ? .refused : .failed, report: nil, at: clock(), reason: "\(refusal)")
            throw refusal
        }
    }

    // MARK: run history

    private func startRun(source: String, isFull: Bool, exportDate: CalendarDate, at time: String) async throws -> Int {
        let row = try await sql.insert(into: "import_runs")
            .columns("source", "is_full", "export_date", "started_at", "state")
            .values(SQLBind(source), SQLBind(isFull), SQLBind(exportDate.iso), SQLBind(time), SQLBind(ImportRunState.staging.rawValue))
            .returning("id")
            .first(decodingColumn: "id", as: Int.self)
        guard let row else { throw Failure.refused(AAFError(file: source, reason: "historique d'import impossible à écrire")) }
        return row
    }

    /// A run still staging when the lock is ours belongs to an import that died (killed, or a
    /// crash): it is closed as failed, so the history never shows it running for ever.
    private func closeInterruptedRuns(at time: String) async throws {
        try await sql.update("import_runs")
            .set("state", to: ImportRunState.failed.rawValue).set("finished_at", to: time)
            .set("report", to: "import interrompu (processus arrêté)\u{00A0}: relancez-le")
            .where("state", .equal, ImportRunState.staging.rawValue)
            .run()
    }

    private func finishRun(_ runID: Int, state: ImportRunState, report: FeedImportReport?, at time: String, reason: String? = nil) async throws {
        try await emptyStaging()
        let json = try report.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) } ?? reason
        let yearID = try await SchoolYear.query(on: db).filter(\.$name == options.year).first()?.id
        try await sql.update("import_runs")
            .set("state", to: state.rawValue).set("finished_at", to: time).set("report", to: json).set("school_year_id", to: yearID)
            .where("id", .equal, runID)
            .run()
    }

    /// The staging area is this import's alone (it holds the lock): emptied whole, which
    /// SQLite does by truncation rather than row by row — and what a killed import left goes too.
    private func emptyStaging() async throws {
        try await sql.delete(from: "feed_staged_links").run()
        try await sql.delete(from: "feed_staged_records").run()
    }

    /// The target year's id, if it exists; an archived year receives no import.
    private func existingSchoolYearID() async throws -> Int? {
        guard let year = try await SchoolYear.query(on: db).filter(\.$name == options.year).first() else { return nil }
        guard year.state != .archived else { throw Failure.archivedYear(options.year) }
        return year.id
    }

    /// A new target year is *preparing*: next year can be loaded while this one runs.
    private func createSchoolYear() async throws -> Int {
        let year = SchoolYear(name: options.year, state: .preparing)
        try await year.create(on: db)
        return try year.requireID()
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
