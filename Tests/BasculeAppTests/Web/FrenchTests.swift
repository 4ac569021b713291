import Testing
@testable import BasculeApp

@Suite("French: counts agree as a careful writer agrees them")
struct FrenchTests {
    @Test("0 and 1 take the singular, more the plural, and the agreeing words follow")
    func counts() {
        #expect(French.count(0, "établissement") == "0 établissement")
        #expect(French.count(1, "séance") == "1 séance")
        #expect(French.count(2, "jour") == "2 jours")
        #expect(French.count(3, "bureau", "bureaux") == "3 bureaux")
        #expect(French.agreeing(1, "retenu", "retenus") == "retenu" && French.agreeing(4, "retenu", "retenus") == "retenus")
    }
}
