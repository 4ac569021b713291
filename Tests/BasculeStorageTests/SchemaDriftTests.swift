import BasculeDomain
import FluentKit
import SQLKit
import Testing
@testable import BasculeStorage

/// The migrations are frozen: editing `ServiceSchema` (or the staging's index list) changes no
/// database until a new migration does. This is the test that says so.
@Suite("Schema: what the migrations build is what the live descriptions say")
struct SchemaDriftTests {
    @Test("Every service table has the columns, types, nullability, references, unique constraints and indexes ServiceSchema describes")
    func servicesMatchSchema() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // act
            let live = try await LiveSchema.read(db as! any SQLDatabase)
            // check
            for table in ServiceSchema.all {
                guard let built = live.tables[table.name] else {
                    Issue.record("\(table.name): no such table in the migrated database")
                    continue
                }
                let expected = table.columns.dropFirst().map {
                    LiveSchema.Column(name: $0.name, kind: live.stored($0.kind), isRequired: $0.isRequired,
                                      reference: $0.reference.map { .init(table: $0.table, onDelete: $0.onDelete) })
                }
                #expect(built.columns.filter { $0.name != "id" }.sorted() == expected.sorted(), "\(table.name): columns")
                #expect(Set(built.uniques) == Set(table.uniques), "\(table.name): unique constraints")
                #expect(Set(built.indexes) == Set(table.allIndexes), "\(table.name): indexes")
            }
        }
    }

    @Test("The staging indexes the import drops and rebuilds are those the migration created")
    func stagingIndexesMatch() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // act
            let live = try await LiveSchema.read(db as! any SQLDatabase)
            // check
            for index in FeedSQL.stagingIndexes {
                #expect(live.tables[index.table]?.indexes.contains(index.columns) == true, "\(index.name)")
            }
        }
    }

    @Test("The checksum's tables are exactly the logical tables the migrations build, column for column and type for type")
    func checksumMatchesSchema() async throws {
        try await StorageTestDatabase.withMigrated { db in
            // act
            let live = try await LiveSchema.read(db as! any SQLDatabase)
            // check
            let logical = live.tables.filter { !DigestedTables.excluded.contains($0.key) && !$0.key.hasPrefix("_fluent") }
            #expect(Set(logical.keys) == Set(DigestedTables.all.map(\.name)))
            for table in DigestedTables.all {
                let built = Dictionary(uniqueKeysWithValues: (logical[table.name]?.columns ?? []).map { ($0.name, $0.kind) })
                let described = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, live.stored($0.kind)) })
                #expect(built == described, "\(table.name)")
            }
        }
    }
}
