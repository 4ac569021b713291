/// « Prénom Nom », as every page names a person read from a row's joined names; nil when the
/// account is gone (its last name is null).
enum PersonName {
    static func display(first: String?, last: String?) -> String? {
        last.map { "\(first ?? "") \($0)".trimmingCharacters(in: .whitespaces) }
    }
}
