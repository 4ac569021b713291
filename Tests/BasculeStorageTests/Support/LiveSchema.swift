import BasculeDomain
import SQLKit

/// The schema of a database as its engine's catalogue describes it, in the terms of
/// `ServiceSchema`: columns (kind, nullability, reference), unique constraints and indexes.
struct LiveSchema {
    struct Column: Equatable, Comparable, CustomStringConvertible {
        struct Reference: Equatable {
            let table: String
            let onDelete: ColumnSpec.OnDelete
        }

        let name: String
        let kind: ColumnKind
        let isRequired: Bool
        let reference: Reference?

        static func < (a: Column, b: Column) -> Bool { a.name < b.name }

        var description: String {
            "\(name) \(kind)\(isRequired ? "" : "?")" + (reference.map { " → \($0.table) \($0.onDelete)" } ?? "")
        }
    }

    struct Table {
        var columns: [Column] = []
        var uniques: [[String]] = []
        var indexes: [[String]] = []
    }

    let tables: [String: Table]
    let isSQLite: Bool

    /// The kind a column of this kind has in the catalogue: SQLite has no boolean type, and
    /// Fluent stores booleans there as INTEGER.
    func stored(_ kind: ColumnKind) -> ColumnKind { isSQLite && kind == .bool ? .int : kind }

    static func read(_ sql: any SQLDatabase) async throws -> LiveSchema {
        sql.dialect.name == "sqlite" ? try await sqlite(sql) : try await postgres(sql)
    }

    private static func kind(_ type: String) -> ColumnKind {
        let type = type.lowercased()
        if type.contains("bool") { return .bool }
        if type.contains("int") { return .int }
        return .text
    }

    private static func onDelete(_ rule: String) -> ColumnSpec.OnDelete {
        switch rule.uppercased() {
        case "CASCADE": .cascade
        case "SET NULL": .setNull
        default: .restrict
        }
    }

    private static func sqlite(_ sql: any SQLDatabase) async throws -> LiveSchema {
        struct ColumnRow: Decodable { let table_name: String; let name: String; let type: String; let notnull: Int; let pk: Int }
        struct ForeignKey: Decodable { let table_name: String; let from: String; let table: String; let on_delete: String }
        struct Index: Decodable { let table_name: String; let index_name: String; let is_unique: Int; let origin: String }
        struct IndexColumn: Decodable { let index_name: String; let name: String; let seqno: Int }
        let columns = try await sql.raw("""
            SELECT m.name AS table_name, p.name, p.type, p."notnull", p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid
            """).all(decoding: ColumnRow.self)
        let keys = try await sql.raw("""
            SELECT m.name AS table_name, f."from", f."table", f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table'
            """).all(decoding: ForeignKey.self)
        let indexes = try await sql.raw("""
            SELECT m.name AS table_name, i.name AS index_name, i."unique" AS is_unique, i.origin
            FROM sqlite_master m JOIN pragma_index_list(m.name) i WHERE m.type = 'table'
            """).all(decoding: Index.self)
        let indexColumns = try await sql.raw("""
            SELECT i.name AS index_name, c.name, c.seqno FROM sqlite_master m JOIN pragma_index_list(m.name) i
            JOIN pragma_index_info(i.name) c WHERE m.type = 'table'
            """).all(decoding: IndexColumn.self)
        let columnsOf = Dictionary(grouping: indexColumns, by: \.index_name).mapValues { $0.sorted { $0.seqno < $1.seqno }.map(\.name) }
        var tables: [String: Table] = [:]
        for column in columns {
            let key = keys.first { $0.table_name == column.table_name && $0.from == column.name }
            tables[column.table_name, default: Table()].columns.append(LiveSchema.Column(
                name: column.name, kind: kind(column.type), isRequired: column.notnull == 1 || column.pk == 1,
                reference: key.map { LiveSchema.Column.Reference(table: $0.table, onDelete: onDelete($0.on_delete)) }))
        }
        for index in indexes where index.origin != "pk" {
            let names = columnsOf[index.index_name] ?? []
            if index.is_unique == 1 { tables[index.table_name]?.uniques.append(names) }
            else { tables[index.table_name]?.indexes.append(names) }
        }
        return LiveSchema(tables: tables, isSQLite: true)
    }

    private static func postgres(_ sql: any SQLDatabase) async throws -> LiveSchema {
        struct ColumnRow: Decodable { let table_name: String; let column_name: String; let data_type: String; let is_nullable: String }
        struct ForeignKey: Decodable { let table_name: String; let column_name: String; let target: String; let delete_rule: String }
        struct Index: Decodable { let table_name: String; let is_unique: Bool; let is_primary: Bool; let columns: String }
        let columns = try await sql.raw("""
            SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type,
                   is_nullable::text AS is_nullable
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """).all(decoding: ColumnRow.self)
        let keys = try await sql.raw("""
            SELECT src.relname::text AS table_name, a.attname::text AS column_name, dst.relname::text AS target,
                   CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'RESTRICT' END AS delete_rule
            FROM pg_constraint c JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """).all(decoding: ForeignKey.self)
        let indexes = try await sql.raw("""
            SELECT t.relname::text AS table_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') AS columns
            FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
            """).all(decoding: Index.self)
        var tables: [String: Table] = [:]
        for column in columns {
            let key = keys.first { $0.table_name == column.table_name && $0.column_name == column.column_name }
            tables[column.table_name, default: Table()].columns.append(LiveSchema.Column(
                name: column.column_name, kind: kind(column.data_type), isRequired: column.is_nullable == "NO",
                reference: key.map { LiveSchema.Column.Reference(table: $0.target, onDelete: onDelete($0.delete_rule)) }))
        }
        for index in indexes where !index.is_primary {
            let names = index.columns.split(separator: ",").map(String.init)
            if index.is_unique { tables[index.table_name]?.uniques.append(names) }
            else { tables[index.table_name]?.indexes.append(names) }
        }
        return LiveSchema(tables: tables, isSQLite: false)
    }
}
