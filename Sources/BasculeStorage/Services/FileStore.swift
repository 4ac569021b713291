import BasculeDomain
import Crypto
import Foundation
import SQLKit

/// Documents, attachments and photos on disk, content-addressed under `files/ab/cdef…` of the
/// data directory, with a row in `files` per distinct content. The same bytes are stored once
/// however many rows refer to them; a file leaves the disk only when no row refers to it.
public struct FileStore: Sendable {
    public let root: String

    public init(dataDirectory: String) {
        root = (dataDirectory as NSString).appendingPathComponent("files")
    }

    public enum Failure: Error, CustomStringConvertible {
        case missing(sha256: String)

        public var description: String {
            switch self {
            case .missing(let sha256): "fichier absent du stockage : \(sha256)"
            }
        }
    }

    public static func sha256(of bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The path of a content; the name is the digest the store computed, never a user's text.
    public func path(of sha256: String) -> String {
        precondition(sha256.count == 64 && sha256.allSatisfy(\.isHexDigit), "not a SHA-256 digest")
        return "\(root)/\(sha256.prefix(2))/\(sha256.dropFirst(2))"
    }

    /// Writes the bytes if that content is not stored yet (a write to a temporary name then a
    /// rename, so that a reader never sees half a file).
    public func writeBlob(_ bytes: some DataProtocol, sha256: String) throws {
        let target = path(of: sha256)
        if FileManager.default.fileExists(atPath: target) { return }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, target) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    public func read(sha256: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(of: sha256)) else {
            throw Failure.missing(sha256: sha256)
        }
        return data
    }

    /// Stores the bytes and returns the id of their `files` row (an existing one if the same
    /// content is already there). Call inside the transaction that inserts the referring row.
    public func store(_ bytes: some DataProtocol, mediaType: String, on db: any SQLDatabase) async throws -> Int {
        let sha256 = Self.sha256(of: bytes)
        try writeBlob(bytes, sha256: sha256)
        return try await insertRow(sha256: sha256, byteCount: bytes.count, mediaType: mediaType, on: db)
    }

    /// The `files` row of a content (the existing one if the same bytes are already there).
    func insertRow(sha256: String, byteCount: Int, mediaType: String, on db: any SQLDatabase) async throws -> Int {
        try await db.insert(into: "files").columns("sha256", "byte_count", "media_type")
            .values(SQLBind(sha256), SQLBind(byteCount), SQLBind(mediaType))
            .ignoringConflicts(with: ["sha256"]).run()
        return try await db.select().column("id").from("files").where("sha256", .equal, sha256)
            .first(decodingColumn: "id", as: Int.self)!
    }

    /// Removes the files no row refers to any more, from the database then from the disk.
    /// Returns how many went.
    @discardableResult
    public func collectGarbage(on db: any SQLDatabase) async throws -> Int {
        let unreferenced = ServiceSchema.all.compactMap { table in
            table.fileColumn.map { "NOT EXISTS (SELECT 1 FROM \"\(table.name)\" r WHERE r.\"\($0.name)\" = files.id)" }
        }.joined(separator: " AND ")
        let gone = try await db.raw("DELETE FROM files WHERE \(unsafeRaw: unreferenced) RETURNING sha256")
            .all(decodingColumn: "sha256", as: String.self)
        for sha256 in gone {
            try? FileManager.default.removeItem(atPath: path(of: sha256))
        }
        return gone.count
    }
}
