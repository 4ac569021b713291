import Foundation

/// A folder of `Tests/Fixtures/aaf`, found from this file's path.
func aafFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/aaf/\(name)").path
}

/// A copy of a fixture export in a fresh temporary folder, for tests that alter it.
func scratchCopy(of fixture: String) throws -> String {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("aaf-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: aafFixture(fixture), toPath: target)
    return target
}

/// The smallest PNG header a browser recognises: its 8-byte signature and an IHDR chunk start.
let pngHeader: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
