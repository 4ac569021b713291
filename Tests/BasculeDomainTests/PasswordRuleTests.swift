import Testing
@testable import BasculeDomain

@Suite("Password rule (ANSSI): long, mixed or a passphrase, not the login, not a common one")
struct PasswordRuleTests {
    @Test("Accepted: 12 characters of three kinds, or a passphrase of 20")
    func accepted() {
        #expect(PasswordRule.problems("Tigre-Velo-42", login: "jdupont").isEmpty)
        #expect(PasswordRule.problems("cheval agrafe pile correcte", login: "jdupont").isEmpty)
    }

    @Test("Refused: too short, too plain, the login, a common core, over 72 bytes")
    func refused() {
        #expect(!PasswordRule.problems("Court-1", login: "x").isEmpty)
        #expect(!PasswordRule.problems("toutenminuscules", login: "x").isEmpty)
        #expect(PasswordRule.problems("Jdupont-2025!", login: "jdupont").contains("Il ne doit pas contenir votre identifiant."))
        #expect(PasswordRule.problems("Motdepasse2025!", login: "x").contains("C'est l'un des mots de passe que l'on essaie en premier."))
        #expect(PasswordRule.problems("Azerty123456!", login: "x").contains("C'est l'un des mots de passe que l'on essaie en premier."))
        #expect(!PasswordRule.problems(String(repeating: "é", count: 40), login: "x").isEmpty)
        #expect(PasswordRule.problems("Motdepasse2025!", login: "x").allSatisfy { !$0.contains(" :") })
    }
}
