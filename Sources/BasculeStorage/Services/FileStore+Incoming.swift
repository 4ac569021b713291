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
        try FileManager.default.createDirectory(atPath: incomingFolder, withIntermediateDirectories: true)
        let path = incomingFolder + "/\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        var hasher = SHA256()
        var byteCount = 0
        var head: [UInt8] = []
        do {
            defer { try? handle.close() }
            for try await chunk in chunks {
                byteCount += chunk.readableBytes
                guard byteCount <= maxBytes else { throw ServiceError.tooLarge(maxBytes: maxBytes) }
                if pace.isTooSlow(bytes: byteCount, after: ContinuousClock.now - start) { throw ServiceError.tooSlow }
                chunk.withUnsafeReadableBytes { bytes in
                    hasher.update(bufferPointer: bytes)
                    if head.count < FileSignature.headLength {
                        head += bytes.prefix(FileSignature.headLength - head.count)
                    }
                }
                try handle.write(contentsOf: chunk.readableBytesView)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return Incoming(path: path, sha256: Self.hex(hasher.finalize()), byteCount: byteCount, head: head)
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
