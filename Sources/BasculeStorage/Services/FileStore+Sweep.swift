import FluentKit
import Foundation
import SQLKit

extension FileStore {
    public struct SweepReport: Sendable, Codable, Equatable {
        /// Contents on disk no `files` row knew.
        public let orphans: Int
        /// Uploads and writes that never finished (older than the grace period).
        public let unfinished: Int

        public init(orphans: Int, unfinished: Int) {
            self.orphans = orphans
            self.unfinished = unfinished
        }
    }

    @discardableResult
    public func sweep(on db: any Database, grace: TimeInterval = 3600, now: Date = Date()) async throws -> SweepReport {
        try await sweep(on: db.sql, grace: grace, now: now)
    }

    /// Removes from the disk every content no `files` row refers to, and the temporary files
    /// of uploads older than `grace` (an upload still under way is younger). Reads the rows one
    /// digest prefix at a time, so that a région's millions of files never sit in memory.
    @discardableResult
    public func sweep(on db: any SQLDatabase, grace: TimeInterval = 3600, now: Date = Date()) async throws -> SweepReport {
        let manager = FileManager.default
        var orphans = 0
        var unfinished = 0
        func isStale(_ path: String) -> Bool {
            let modified = (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            return now.timeIntervalSince(modified) > grace
        }
        for name in (try? manager.contentsOfDirectory(atPath: incomingFolder)) ?? [] where isStale(incomingFolder + "/" + name) {
            try? manager.removeItem(atPath: incomingFolder + "/" + name)
            unfinished += 1
        }
        let prefixes = ((try? manager.contentsOfDirectory(atPath: root)) ?? [])
            .filter { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }.sorted()
        for prefix in prefixes {
            let folder = root + "/" + prefix
            let known = Set(try await db.select().column("sha256").from("files")
                .where("sha256", .like, prefix + "%").all(decodingColumn: "sha256", as: String.self))
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                if name.hasPrefix(".") {
                    // A write interrupted between its temporary name and its rename.
                    if isStale(path) { try? manager.removeItem(atPath: path); unfinished += 1 }
                } else if !known.contains(prefix + name), isStale(path) {
                    try? manager.removeItem(atPath: path)
                    orphans += 1
                }
            }
        }
        return SweepReport(orphans: orphans, unfinished: unfinished)
    }
}
