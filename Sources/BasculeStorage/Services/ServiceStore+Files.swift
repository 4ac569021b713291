import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension ServiceStore {
    /// Inserts a row of a table that stores a file: the file's content and the row in one
    /// transaction, so that a refused row leaves no file behind.
    public func create(_ table: ServiceTable, in place: Place, fields: ServiceRecord, upload: Data, mediaType: String,
                       files: FileStore) async throws -> ServiceRecord {
        let viewer = viewer
        return try await db.transaction { tx in
            let file = try await files.store(upload, mediaType: mediaType, on: tx.sql)
            return try await ServiceStore(viewer: viewer, db: tx).create(table, in: place, fields: fields, file: file)
        }
    }

    /// The stored file of a row the viewer has read, with its media type.
    public func file(of table: ServiceTable, record: ServiceRecord) async throws -> (sha256: String, mediaType: String) {
        guard let fileColumn = table.fileColumn, let fileID = record[fileColumn.name]?.int,
              let file = try await sql.select().columns("sha256", "media_type").from("files").where("id", .equal, fileID).first()
        else { throw ServiceError.notFound(table: "files", id: record[table.fileColumn?.name ?? "id"]?.int ?? 0) }
        return (try file.decode(column: "sha256", as: String.self), try file.decode(column: "media_type", as: String.self))
    }

    /// The parent row of a row of a child table (`column` names it), if the row exists.
    public func parentID(of table: ServiceTable, id: Int, column: String) async throws -> Int? {
        try await sql.select().column(column).from(table.name).where("id", .equal, id)
            .first(decodingColumn: column, as: Int.self)
    }

    var sql: any SQLDatabase { db.sql }
}
