/// Who, among the personnel of a `PersEducNat` file, is a teacher — the rule the ENTs that read
/// the AAF apply (edificeio/entcore maps `ENTPersonCategorieEnseignant` to `isTeacher`, and
/// `PersEducNatPresenceDevantEleves` to `teaches`):
///
/// 1. `ENTPersonCategorieEnseignant`, when the record gives it, decides alone (`O` or `N`):
///    the académie says it, even for a teacher who does not teach this year;
/// 2. otherwise `PersEducNatPresenceDevantEleves = O` (in front of students) makes a teacher;
/// 3. otherwise so does a function (`ENTPersonFonctions`, second field) of code `ENS`
///    (teaching) or `DOC` (documentation: professeurs documentalistes are teachers).
///
/// A teacher gets the teacher profile; the other personnel the staff profile.
public enum AAFTeacherRule {
    /// Function codes of `ENTPersonFonctions` that make a teacher.
    public static let teachingFunctions: Set<String> = ["ENS", "DOC"]

    public static func isTeacher(_ record: AAFRecord) -> Bool {
        if let category = record.value("ENTPersonCategorieEnseignant").flatMap(flag) { return category }
        if record.value("PersEducNatPresenceDevantEleves").flatMap(flag) == true { return true }
        return record.fields("ENTPersonFonctions").contains { $0.count > 1 && teachingFunctions.contains($0[1]) }
    }

    /// The AAF writes yes and no as `O` and `N`; older exports and other feeds say `true`,
    /// `false`, `1` or `0`. Anything else says nothing, and the next step of the rule decides.
    static func flag(_ text: String) -> Bool? {
        switch text.uppercased() {
        case "O", "OUI", "TRUE", "1": true
        case "N", "NON", "FALSE", "0": false
        default: nil
        }
    }
}
