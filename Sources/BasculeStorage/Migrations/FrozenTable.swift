import BasculeDomain
import FluentKit
import SQLKit

/// A table as a migration created it: a copy, frozen in the migration's source, of what
/// `ServiceSchema` described when the migration was written. Editing the description later
/// changes no database, new or deployed; a new migration does, and the schema-drift test
/// fails until it exists.
struct FrozenTable: Sendable {
    struct Column: Sendable {
        let name: String
        let kind: ColumnKind
        let isRequired: Bool
        let reference: (table: String, onDelete: ColumnSpec.OnDelete)?

        static func column(_ name: String, _ kind: ColumnKind, required: Bool = true) -> Column {
            Column(name: name, kind: kind, isRequired: required, reference: nil)
        }

        static func reference(_ name: String, to table: String, onDelete: ColumnSpec.OnDelete,
                              required: Bool = true) -> Column {
            Column(name: name, kind: .int, isRequired: required, reference: (table, onDelete))
        }
    }

    let name: String
    /// The columns after `id`, an integer identity every table has.
    let columns: [Column]
    let uniques: [[String]]
    /// Every index, named `ix_{table}_{columns}`.
    let indexes: [[String]]

    init(_ name: String, _ columns: [Column], uniques: [[String]] = [], indexes: [[String]] = []) {
        self.name = name
        self.columns = columns
        self.uniques = uniques
        self.indexes = indexes
    }
}

extension FrozenTable {
    /// Creates the tables in order, each with its references, unique constraints and indexes.
    static func create(_ tables: [FrozenTable], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for table in tables {
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
}
