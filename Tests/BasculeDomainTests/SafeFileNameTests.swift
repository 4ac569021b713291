import BasculeDomain
import Testing

@Suite struct SafeFileNameTests {
    @Test func keepsReadableNamesWithoutAccents() {
        #expect(SafeFileName.make("Lefèvre Zoé") == "lefevre-zoe")
        #expect(SafeFileName.make("3E_2") == "3e_2")
    }

    @Test func neverClimbsOutOfItsFolder() {
        // setup
        let hostile = ["../../etc/passwd", "..", "/absolu", "a\\b", ".cache", "x\u{0}y\n", "", "   "]
        for name in hostile {
            // act
            let safe = SafeFileName.make(name)
            // check
            #expect(!safe.isEmpty)
            #expect(!safe.contains("/") && !safe.contains("\\") && !safe.hasPrefix("."))
            #expect(safe.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 })
        }
        #expect(SafeFileName.make("../../etc/passwd") == "etc-passwd")
        #expect(SafeFileName.make("") == "sans-nom")
    }

    @Test func isBounded() {
        #expect(SafeFileName.make(String(repeating: "a", count: 500)).count == 80)
    }
}
