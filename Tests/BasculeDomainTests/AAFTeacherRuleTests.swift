@testable import BasculeFormats
import Testing

/// The one rule that makes a member of the personnel a teacher (`AAFTeacherRule`), step by step.
@Suite("AAF teacher rule")
struct AAFTeacherRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let attributes: [String: [String]]
        let teacher: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ENTPersonCategorieEnseignant = O, not in front of students, a direction function",
             attributes: ["ENTPersonCategorieEnseignant": ["O"], "PersEducNatPresenceDevantEleves": ["N"],
                          "ENTPersonFonctions": ["43$DIR$DIRECTION$D0011$CHEF D'ETABLISSEMENT ADJOINT"]], teacher: true),
        Case(name: "ENTPersonCategorieEnseignant = N wins over a presence in front of students",
             attributes: ["ENTPersonCategorieEnseignant": ["N"], "PersEducNatPresenceDevantEleves": ["O"],
                          "ENTPersonFonctions": ["43$ENS$ENSEIGNEMENT$L1300$MATHEMATIQUES"]], teacher: false),
        Case(name: "no category, PersEducNatPresenceDevantEleves = O",
             attributes: ["PersEducNatPresenceDevantEleves": ["O"]], teacher: true),
        Case(name: "no category, not in front of students, a function ENS",
             attributes: ["PersEducNatPresenceDevantEleves": ["N"], "ENTPersonFonctions": ["43$ENS$ENSEIGNEMENT$G0170$SEGPA"]],
             teacher: true),
        Case(name: "no category, a function DOC: professeurs documentalistes are teachers",
             attributes: ["ENTPersonFonctions": ["43$DOC$DOCUMENTATION$L0080$DOCUMENTATION"]], teacher: true),
        Case(name: "no category, functions of direction and administration only",
             attributes: ["PersEducNatPresenceDevantEleves": ["N"],
                          "ENTPersonFonctions": ["43$DIR$DIRECTION$D0010$PRINCIPAL", "43$ADF$ADMINISTRATION$A0010$SECRETARIAT"]],
             teacher: false),
        Case(name: "an unreadable category leaves the decision to the next steps",
             attributes: ["ENTPersonCategorieEnseignant": ["?"], "ENTPersonFonctions": ["43$DOC$DOCUMENTATION$L0080$DOC"]],
             teacher: true),
        Case(name: "nothing said: not a teacher", attributes: [:], teacher: false),
    ]

    @Test("Who is a teacher", arguments: cases)
    func rule(_ rule: Case) {
        // setup
        let record = AAFRecord(operation: .add, category: "PersEducNat", id: "1", attributes: rule.attributes, line: 1)
        // act
        let teacher = AAFTeacherRule.isTeacher(record)
        // check
        #expect(teacher == rule.teacher)
    }
}
