/// What a new password must be, after the ANSSI's recommendations on passwords (2021): long
/// rather than clever. Either 12 characters at least mixing three of the four kinds (lower
/// case, upper case, digits, others), or a passphrase of 20 characters at least, whatever
/// they are; never the login, never one of the passwords everyone tries first. At most 72
/// bytes: bcrypt ignores what comes after.
public enum PasswordRule {
    public static let minimumLength = 12
    public static let passphraseLength = 20
    public static let maximumBytes = 72

    /// The passwords' cores (letters only, lower case, accents kept) that are tried first,
    /// whatever digits or signs surround them.
    static let common: Set<String> = [
        "motdepasse", "password", "azerty", "azertyuiop", "qwerty", "qwertyuiop", "abc", "abcdef",
        "bonjour", "soleil", "doudou", "loulou", "chouchou", "jetaime", "marseille", "paris", "france",
        "admin", "administrateur", "bascule", "ent", "ecole", "école", "college", "collège", "lycee", "lycée",
        "eleve", "élève", "professeur", "secret", "bienvenue", "welcome", "changeme", "motdepasseent",
    ]

    /// What is wrong with `password`, in French; empty when it is good.
    public static func problems(_ password: String, login: String) -> [String] {
        var problems: [String] = []
        let length = password.count
        if password.utf8.count > maximumBytes {
            problems.append("Il fait plus de \(maximumBytes) octets\u{A0}: la suite ne compterait pas.")
        }
        let kinds = [
            password.contains { $0.isLowercase },
            password.contains { $0.isUppercase },
            password.contains { $0.isNumber },
            password.contains { !$0.isLetter && !$0.isNumber },
        ].filter { $0 }.count
        if length < minimumLength {
            problems.append("Il faut au moins \(minimumLength) caractères (ou une phrase de \(passphraseLength) caractères).")
        } else if length < passphraseLength, kinds < 3 {
            problems.append("En dessous de \(passphraseLength) caractères, mêlez au moins trois sortes de caractères\u{A0}: "
                            + "minuscules, majuscules, chiffres, autres signes.")
        }
        let lowered = password.lowercased()
        let loginLowered = login.lowercased()
        if !loginLowered.isEmpty, lowered.contains(loginLowered) {
            problems.append("Il ne doit pas contenir votre identifiant.")
        }
        let core = String(lowered.filter { $0.isLetter })
        if common.contains(core) || Set(lowered).count <= 2 {
            problems.append("C'est l'un des mots de passe que l'on essaie en premier.")
        }
        return problems
    }
}
