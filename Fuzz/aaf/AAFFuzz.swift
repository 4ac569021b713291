import BasculeDomain
import BasculeFormats
import Foundation

/// libFuzzer's entry point: the input is one AAF file, read and mapped as an import reads and
/// maps it. A refusal (`AAFError`) is the expected answer to almost every input; a trap, an
/// out-of-bounds access (AddressSanitizer) or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAAF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    // The kind comes from the file's name; the input's own category picks it, so that every
    // kind's mapping is reached from the seeds.
    let kind = AAFKind.allCases.first { bytes.range(of: Data(">\($0.rawValue)<".utf8)) != nil } ?? .student
    let path = FuzzScratch.directory + "/ENT_Complet_20250901_\(kind.rawValue)_0000.xml"
    guard FileManager.default.createFile(atPath: path, contents: bytes),
          let file = try? AAFFile(path: path) else { return 0 }
    do {
        try AAFReader.read(file) { record in
            _ = FeedMapping.rows(from: record, kind: file.kind, file: file.name)
        }
    } catch is AAFError {
    } catch {
        fatalError("erreur inattendue (ni refus AAFError, ni succès)\u{00A0}: \(error)")
    }
    return 0
}

/// A folder of this process's own, so that two fuzzers never share the scratch file.
enum FuzzScratch {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "bascule-aaf-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
}
