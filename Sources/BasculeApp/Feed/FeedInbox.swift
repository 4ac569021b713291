import BasculeDomain
import BasculeFormats
import BasculeStorage
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The drop folder (`BASCULE_AAF_INBOX`): the académie writes its exports there, full and
/// deltas. A delivery is the files of one export (same mode, same date in their names). It is
/// complete when a marker `…_<Complet|Delta>_<AAAAMMJJ>.ok` is there, or when its files (names,
/// sizes, modification times) have not changed for the settle time; then, oldest first, it is
/// imported and moved with its report to `imported/`, `held/` (until the operator confirms)
/// or `refused/`. `scan()` is one step: the server's timer calls it, tests call it directly.
final class FeedInbox: Sendable {
    enum Outcome: Equatable {
        case imported(String), held(String), refused(String)
    }

    enum Destination: String, CaseIterable {
        case imported, held, refused
        /// Where a delivery is while it is imported: put back in the folder if the process dies.
        case working = ".en-cours"
    }

    struct Delivery {
        let isFull: Bool
        let date: CalendarDate
        var files: [URL] = []
        var markers: [URL] = []
        var stamps: [String] = []

        var name: String { "\(isFull ? "Complet" : "Delta")_\(date.iso.replacingOccurrences(of: "-", with: ""))" }
    }

    let root: URL
    let settle: TimeInterval
    let db: any Database
    let clock: WallClock
    let logger: Logger
    /// Per delivery, what its files looked like and since when: what "unchanged for the
    /// settle time" is measured against.
    let seen = NIOLockedValueBox<[String: (stamps: [String], since: Date)]>([:])

    init(settings: AppConfiguration.InboxSettings, db: any Database, clock: WallClock, logger: Logger) {
        root = URL(fileURLWithPath: settings.path, isDirectory: true)
        settle = TimeInterval(settings.settleSeconds)
        self.db = db
        self.clock = clock
        self.logger = logger
    }

    /// Imports what is complete, in date order (a full before a delta of the same day), and
    /// stops at the first delivery still arriving, or held: a later export never overtakes an
    /// earlier one. One instance at a time works on the folder (a lock in the database).
    @discardableResult
    func scan() async throws -> [Outcome] {
        do {
            return try await lock("boîte de dépôt").run {
                try recoverInterrupted()
                guard try heldNames().isEmpty else { return [] }
                var outcomes: [Outcome] = []
                // Every delivery is looked at, so that a later one's settle time runs while an
                // earlier one still arrives.
                for (delivery, complete) in try deliveries().map({ ($0, isComplete($0)) }) {
                    guard complete else { break }
                    let outcome = try await process(delivery)
                    outcomes.append(outcome)
                    if case .held = outcome { break }
                }
                return outcomes
            }
        } catch DatabaseLock.Failure.held {
            return []
        }
    }

    /// The deliveries lying in the folder, oldest first. Hidden files (a transfer's temporary
    /// files), folders, links and files that are not an export's are left alone.
    func deliveries() throws -> [Delivery] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey, .contentModificationDateKey]
        var found: [String: Delivery] = [:]
        for url in try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: keys) {
            let name = url.lastPathComponent
            guard !name.hasPrefix("."), let values = try? url.resourceValues(forKeys: Set(keys)),
                  values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            if name.hasSuffix(".ok") {
                guard let (isFull, date) = Self.marker(name) else { continue }
                found[Delivery(isFull: isFull, date: date).name, default: Delivery(isFull: isFull, date: date)].markers.append(url)
            } else if let file = try? AAFFile(path: url.path) {
                let key = Delivery(isFull: file.isFull, date: file.date).name
                found[key, default: Delivery(isFull: file.isFull, date: file.date)].files.append(url)
                found[key]!.stamps.append("\(name) \(values.fileSize ?? -1) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)")
            }
        }
        return found.values.filter { !$0.files.isEmpty }
            .sorted { ($0.date, $0.isFull ? 0 : 1) < ($1.date, $1.isFull ? 0 : 1) }
    }

    /// `ENT_Complet_20240916.ok` (any prefix, or none): the mode and the date it completes.
    static func marker(_ name: String) -> (isFull: Bool, date: CalendarDate)? {
        let fields = name.dropLast(3).split(separator: "_")
        guard fields.count >= 2, ["Complet", "Delta"].contains(fields[fields.count - 2]) else { return nil }
        let day = fields[fields.count - 1]
        guard day.count == 8, let y = Int(day.prefix(4)), let m = Int(day.dropFirst(4).prefix(2)), let d = Int(day.suffix(2)),
              let date = try? CalendarDate(year: y, month: m, day: d) else { return nil }
        return (fields[fields.count - 2] == "Complet", date)
    }

    /// Complete with its marker, or once nothing of it changed for the settle time.
    func isComplete(_ delivery: Delivery) -> Bool {
        if !delivery.markers.isEmpty { return true }
        let now = clock.moment()
        let stamps = delivery.stamps.sorted()
        return seen.withLockedValue { seen in
            if let known = seen[delivery.name], known.stamps == stamps { return now.timeIntervalSince(known.since) >= settle }
            seen[delivery.name] = (stamps, now)
            return settle <= 0
        }
    }

    /// The folder's lock, held by one instance at a time, named after what it does there.
    func lock(_ job: String) -> DatabaseLock {
        DatabaseLock("boîte de dépôt AAF", on: db, holder: "\(job), \(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)",
                     staleAfter: FeedImporter.lockLease)
    }

    func folder(_ destination: Destination) -> URL {
        root.appendingPathComponent(destination.rawValue, isDirectory: true)
    }

    /// The deliveries waiting in `held/` for the operator, by folder name: the names this
    /// folder gives (`Complet_20240916`, `…-2`), a folder put there by hand under another is
    /// not one and is left alone.
    func heldNames() throws -> [String] {
        let held = folder(.held)
        guard FileManager.default.fileExists(atPath: held.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: held.path).filter { name in
            !name.isEmpty && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "_-".unicodeScalars.contains($0) }
        }.sorted()
    }

    /// The report a held delivery was put aside with.
    func heldReport(_ name: String) -> FeedImportReport? {
        guard let data = try? Data(contentsOf: folder(.held).appendingPathComponent(name).appendingPathComponent("rapport.json"))
        else { return nil }
        return try? JSONDecoder().decode(FeedImportReport.self, from: data)
    }
}
