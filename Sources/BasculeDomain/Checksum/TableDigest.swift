import Crypto

/// A digest of a set of rows that does not depend on their order.
///
/// Each row is hashed on its own (SHA-256 of its canonical encoding); the row hashes are added
/// lane by lane, modulo 2⁶⁴. Addition commutes, so two databases that hold the same rows in any
/// order give the same digest, and nothing has to be sorted or held in memory. Integers, lengths
/// and lanes are big-endian, as PostgreSQL's `int8send` writes them: there the same digest is
/// computed by the server (`DatabaseChecksum`).
public struct TableDigest: Sendable, Equatable {
    public private(set) var rowCount = 0
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    /// A digest summed elsewhere (by the database) from the same row hashes.
    public init(lanes: (UInt64, UInt64, UInt64, UInt64), rowCount: Int) {
        self.lanes = lanes
        self.rowCount = rowCount
    }

    public mutating func add(row: [ColumnValue]) {
        var hasher = SHA256()
        for value in row {
            value.feed(into: &hasher)
        }
        let digest = hasher.finalize()
        digest.withUnsafeBytes { raw in
            lanes.0 &+= UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            lanes.1 &+= UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            lanes.2 &+= UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            lanes.3 &+= UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        rowCount += 1
    }

    public var hex: String {
        [lanes.0, lanes.1, lanes.2, lanes.3, UInt64(rowCount)]
            .map { String($0.littleEndian, radix: 16).leftPadded(to: 16) }
            .joined()
    }

    public static func == (lhs: TableDigest, rhs: TableDigest) -> Bool { lhs.hex == rhs.hex }

    /// Combines per-table digests into one, in table-name order.
    public static func overall(_ tables: [(name: String, digest: TableDigest)]) -> String {
        var hasher = SHA256()
        for (name, digest) in tables.sorted(by: { $0.name < $1.name }) {
            hasher.update(data: Array("\(name)=\(digest.hex)\n".utf8))
        }
        return hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

/// A column value reduced to what both databases agree on: text, integer, boolean or null.
/// Bulk writers hand rows of these to storage; the checksum digests them.
public enum ColumnValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)
    case bool(Bool)

    fileprivate func feed(into hasher: inout SHA256) {
        // A tag and a length keep ("ab","c") apart from ("a","bc") and 1 apart from "1".
        switch self {
        case .null:
            hasher.update(data: [0])
        case .int(let value):
            hasher.update(data: [1])
            withUnsafeBytes(of: value.bigEndian) { hasher.update(bufferPointer: $0) }
        case .bool(let value):
            hasher.update(data: [2, value ? 1 : 0])
        case .text(let value):
            let bytes = Array(value.utf8)
            hasher.update(data: [3])
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
