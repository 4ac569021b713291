import BasculeDomain
import FluentKit
import SQLKit

/// The services' tables as `ServiceSchema` described them when they were first created
/// (`CreateServices+Tables.swift`, frozen).
public struct CreateServices: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await FrozenTable.create(Self.tables, on: db)
    }

    public func revert(on db: any Database) async throws {
        for table in Self.tables.reversed() {
            try await db.schema(table.name).delete()
        }
    }
}

extension ServiceTable {
    /// The declared indexes, and one for every reference that no index or unique constraint
    /// leads, so that a cascading delete finds the rows it takes with an index lookup.
    var allIndexes: [[String]] {
        let led = Set((indexes + uniques).compactMap(\.first))
        let missing = columns.filter { $0.reference != nil && !led.contains($0.name) }.map { [$0.name] }
        return indexes + missing
    }
}

extension ColumnKind {
    var fluent: DatabaseSchema.DataType {
        switch self {
        case .int: .int64
        case .text: .string
        case .bool: .bool
        }
    }
}

extension ColumnSpec.OnDelete {
    var fluent: DatabaseSchema.ForeignKeyAction {
        switch self {
        case .cascade: .cascade
        case .setNull: .setNull
        case .restrict: .restrict
        }
    }
}
