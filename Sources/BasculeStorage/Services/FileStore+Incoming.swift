import BasculeDomain
import Crypto
import Foundation
import NIOCore

extension FileStore {
    /// An upload received into a temporary file of the store, not yet a content of it: it
    /// becomes one (`commit`) only once the row that refers to it has committed, and goes
    /// (`discard`) otherwise, so that a refused upload leaves nothing on disk.
    public struct Incoming: Sendable {
        public let path: String
        public let sha256: String
        public let byteCount: Int
        /// The first bytes, for the signature check (`FileSignature`).
        public let head: [UInt8]
    }

    var incomingFolder: String { root + "/.incoming" }

    /// Streams a request body into a temporary file, hashing it on the way; refuses it beyond
    /// `maxBytes` or slower than `pace` (nothing is kept).
    public func receive<Chunks: AsyncSequence>(_ chunks: Chunks, maxBytes: Int, pace: UploadPace = .standard) async throws -> Incoming
    where Chunks.Element == ByteBuffer {
        let start = ContinuousClock.now
        let writer = try startIncoming()
        do {
            for try await chunk in chunks {
                guard writer.byteCount + chunk.readableBytes <= maxBytes else { throw ServiceError.tooLarge(maxBytes: maxBytes) }
                if pace.isTooSlow(bytes: writer.byteCount + chunk.readableBytes, after: ContinuousClock.now - start) {
                    throw ServiceError.tooSlow
                }
                try writer.append(chunk)
            }
        } catch {
            writer.abandon()
            throw error
        }
        return try writer.finish()
    }

    /// A temporary file of the store to write an upload into as it arrives (a part of a form).
    public func startIncoming() throws -> IncomingWriter {
        try FileManager.default.createDirectory(atPath: incomingFolder, withIntermediateDirectories: true)
        return try IncomingWriter(path: incomingFolder + "/\(UUID().uuidString)")
    }

    /// Writes an upload chunk by chunk, hashing it and keeping its first bytes on the way.
    public final class IncomingWriter {
        let path: String
        private let handle: FileHandle
        private var hasher = SHA256()
        public private(set) var byteCount = 0
        private var head: [UInt8] = []

        init(path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown)
            }
            self.path = path
            self.handle = handle
        }

        public func append(_ chunk: ByteBuffer) throws {
            byteCount += chunk.readableBytes
            chunk.withUnsafeReadableBytes { bytes in
                hasher.update(bufferPointer: bytes)
                if head.count < FileSignature.headLength {
                    head += bytes.prefix(FileSignature.headLength - head.count)
                }
            }
            try handle.write(contentsOf: chunk.readableBytesView)
        }

        public func finish() throws -> Incoming {
            try handle.close()
            return Incoming(path: path, sha256: FileStore.hex(hasher.finalize()), byteCount: byteCount, head: head)
        }

        /// Drops what was written (a refused or broken upload).
        public func abandon() {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Moves the upload into the store under its digest (or drops it if that content is there).
    func commit(_ incoming: Incoming) throws {
        let target = path(of: incoming.sha256)
        if FileManager.default.fileExists(atPath: target) { return discard(incoming) }
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        if rename(incoming.path, target) != 0 {
            discard(incoming)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    public func discard(_ incoming: Incoming) {
        try? FileManager.default.removeItem(atPath: incoming.path)
    }
}
