import BasculeDomain
import FluentKit
import SQLKit

/// The services' tables as `ServiceSchema` described them when they were first created
/// (`CreateServices+Tables.swift`, frozen).
public struct CreateServices: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for table in Self.tables {
            var builder = db.schema(table.name).field(.id, .int64, .identifier(auto: true))
            for column in table.columns {
                var constraints: [DatabaseSchema.FieldConstraint] = column.isRequired ? [.required] : []
                if let reference = column.reference {
                    constraints.append(.references(reference.table, .id, onDelete: reference.onDelete.fluent))
                }
                builder = builder.field(.definition(name: .key(.string(column.name)), dataType: column.kind.fluent,
                                                   constraints: constraints))
            }
            for unique in table.uniques {
                builder = builder.constraint(.constraint(.unique(fields: unique.map { .key(.string($0)) }), name: nil))
            }
            try await builder.create()
            for columns in table.indexes {
                var index = sql.create(index: "ix_\(table.name)_\(columns.joined(separator: "_"))").on(table.name)
                for column in columns { index = index.column(column) }
                try await index.run()
            }
        }
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
