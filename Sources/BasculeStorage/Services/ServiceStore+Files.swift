import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension ServiceStore {
    /// Inserts a row of a table that stores a file, from an upload already received
    /// (`FileStore.receive`, after `checkWritable`): its type is decided from its bytes by the
    /// table's policy, its `files` row and the row go in one transaction, and the content joins
    /// the store only once they have committed; refused, the upload leaves nothing behind.
    public func create(_ table: ServiceTable, in place: Place, fields: ServiceRecord, upload: FileStore.Incoming,
                       files: FileStore) async throws -> ServiceRecord {
        do {
            guard let policy = table.uploadPolicy else { throw ServiceError.unknownTable(table.name) }
            guard upload.byteCount > 0 else { throw ServiceError.unsupportedFile("le fichier est vide") }
            guard let mediaType = policy.mediaType(of: upload.head) else { throw ServiceError.unsupportedFile(policy.refusal) }
            let viewer = viewer
            let record = try await db.transaction { tx in
                // Inside the row's transaction; the content joins the store once it has committed.
                let file = try await files.insertRow(sha256: upload.sha256, byteCount: upload.byteCount, mediaType: mediaType,
                                                     on: tx.sql)
                return try await ServiceStore(viewer: viewer, db: tx).create(table, in: place, fields: fields, file: file)
            }
            try files.commit(upload)
            return record
        } catch {
            files.discard(upload)
            throw error
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
