import CLibCrypto
import Foundation

/// zlib streams of the EDT envelope. Inflating is capped: a few kilobytes of ciphertext could
/// otherwise unfold into gigabytes.
enum TimetableZlib {
    static func inflate(_ data: Data, fileName: String, limit: Int) throws(TimetableFileError) -> Data {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw TimetableFileError(fileName: fileName, location: .element("CONTENU"), reason: "décompression indisponible")
        }
        defer { inflateEnd(&stream) }
        var input = Array(data)
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while status == Z_OK, output.count <= limit {
                buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = CLibCrypto.inflate(&stream, Z_NO_FLUSH)
                    output.append(out.baseAddress!, count: out.count - Int(stream.avail_out))
                }
            }
        }
        guard output.count <= limit else {
            throw TimetableFileError(fileName: fileName, location: .element("CONTENU"),
                reason: "le contenu décompressé dépasse \(limit) octets (limite maxFileBytes)")
        }
        guard status == Z_STREAM_END else {
            throw TimetableFileError(fileName: fileName, location: .element("CONTENU"),
                reason: "le contenu déchiffré n'est pas un flux zlib complet (export tronqué ou abîmé)")
        }
        return output
    }

    static func deflate(_ data: Data) -> Data {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let input = Array(data)
        _ = compress2(&output, &length, input, uLong(input.count), Z_BEST_COMPRESSION)
        return Data(output.prefix(Int(length)))
    }
}
