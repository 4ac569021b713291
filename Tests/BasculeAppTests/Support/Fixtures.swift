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
