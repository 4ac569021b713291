import BasculeDomain
import BasculeGenerator
import FluentKit
import SQLKit

/// Writes a generated académie into an empty database, one transaction per establishment.
public enum AcademyWriter {
    public struct Progress: Sendable {
        public let establishmentsDone: Int
        public let establishmentsTotal: Int
        public let rowsWritten: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case databaseNotEmpty

        public var description: String {
            switch self {
            case .databaseNotEmpty:
                "la base contient déjà un annuaire : générez dans une base vide (autre fichier SQLite ou autre base PostgreSQL)"
            }
        }
    }

    /// Rows written per table.
    public typealias Counts = [String: Int]

    /// With `activity`, each establishment also gets a year in every service, and the shared
    /// files are written to `files`.
    public static func write(_ generator: AcademyGenerator, activity: ActivityGenerator? = nil, files: FileStore? = nil,
                             to db: any Database, progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Counts {
        var generator = generator
        var activity = activity
        guard try await SchoolYear.query(on: db).count() == 0,
              try await Account.query(on: db).count() == 0
        else { throw Failure.databaseNotEmpty }

        var counts: Counts = [:]
        let header = generator
        try await db.transaction { tx in
            let bulk = BulkInserter(tx as! any SQLDatabase)
            try await bulk.insert([header.year])
            try await bulk.insert(header.subjects)
            try await bulk.insert(header.mefs)
            try await bulk.insert([header.operatorAccount])
        }
        counts[SchoolYearRow.table, default: 0] += 1
        counts[SubjectRow.table, default: 0] += header.subjects.count
        counts[MefRow.table, default: 0] += header.mefs.count
        counts[AccountRow.table, default: 0] += 1
        if let activity {
            for file in activity.files { try files?.writeBlob(file.bytes, sha256: file.sha256) }
            try await write(activity.fileRows, to: BulkInserter(db as! any SQLDatabase), counts: &counts)
        }

        var done = 0
        var rows = counts.values.reduce(0, +)
        while let generated = generator.nextEstablishment() {
            let batch = activity?.directory(generated) ?? generated
            let services = activity?.activity(for: batch) ?? ServiceRows()
            try await db.transaction { tx in
                let bulk = BulkInserter(tx as! any SQLDatabase)
                try await write(batch, to: bulk)
                var ignored: Counts = [:]
                try await write(services, to: bulk, counts: &ignored)
            }
            for (table, n) in batch.tableCounts { counts[table, default: 0] += n }
            for (table, rows) in services.tables { counts[table, default: 0] += rows.count }
            done += 1
            rows += batch.rowCount + services.rowCount
            progress(Progress(establishmentsDone: done, establishmentsTotal: generator.establishmentCount, rowsWritten: rows))
        }
        try await SequenceSync.resync(db as! any SQLDatabase, tables: Array(counts.keys))
        // PostgreSQL plans with statistics; without them it scans where an index would do.
        try await FeedSQL.refreshStatistics(counts.keys.sorted(), on: db as! any SQLDatabase)
        return counts
    }

    static func write(_ services: ServiceRows, to bulk: BulkInserter, counts: inout Counts) async throws {
        for (table, rows) in services.ordered {
            try await bulk.insert(into: table, columns: ServiceSchema.byName[table]!.columnNames, rows: rows)
            counts[table, default: 0] += rows.count
        }
    }

    /// Writes an establishment's rows, parents before children.
    static func write(_ batch: EstablishmentBatch, to bulk: BulkInserter) async throws {
        try await bulk.insert([batch.establishment])
        try await bulk.insert(batch.accounts)
        try await bulk.insert(batch.profiles)
        try await bulk.insert(batch.classes)
        try await bulk.insert(batch.groups)
        try await bulk.insert(into: "class_memberships", columns: MembershipRow.columns(container: "class_id"),
                              rows: batch.classMemberships.map(\.columnValues))
        try await bulk.insert(into: "group_memberships", columns: MembershipRow.columns(container: "group_id"),
                              rows: batch.groupMemberships.map(\.columnValues))
        try await bulk.insert(batch.teachingAssignments)
        try await bulk.insert(batch.headTeachers)
        try await bulk.insert(batch.parentLinks)
    }
}

extension EstablishmentBatch {
    public var tableCounts: [String: Int] {
        [EstablishmentRow.table: 1, AccountRow.table: accounts.count, ProfileRow.table: profiles.count,
         ClassRow.table: classes.count, GroupRow.table: groups.count, "class_memberships": classMemberships.count,
         "group_memberships": groupMemberships.count, TeachingAssignmentRow.table: teachingAssignments.count,
         HeadTeacherRow.table: headTeachers.count, ParentLinkRow.table: parentLinks.count]
    }
}
