import Foundation

/// How the timetable's names meet the directory's: "compared without case, accents, hyphens and
/// spaces" (the timetable software and the AAF spell the same person « Jean-Noël » and
/// « JEAN NOEL »).
public enum TimetableNameKey {
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
    }

    /// "durand|paul|2001-02-03" (the date left empty when the file gives none).
    public static func person(lastName: String, firstName: String, birthDate: CalendarDate?) -> String {
        "\(fold(lastName))|\(fold(firstName))|\(birthDate?.description ?? "")"
    }
}

/// A person of the directory the timetable may name.
public struct TimetableCandidate: Sendable, Equatable {
    public let accountID: Int
    public let lastName: String
    public let firstName: String
    public let birthDate: CalendarDate?
    public let jointure: String?

    public init(accountID: Int, lastName: String, firstName: String, birthDate: CalendarDate?, jointure: String?) {
        self.accountID = accountID
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.jointure = jointure
    }
}

/// Matches the people of a file with the directory's, in the order the issue and entcore use:
/// an id the software gave and an earlier import remembered (or, for UDT, the AAF jointure it
/// carries), then the administrator's mapping, then names and birth date.
public struct TimetablePersonMatcher: Sendable {
    public enum Outcome: Sendable, Equatable {
        case matched(accountID: Int, by: Rule)
        case ignored
        case unmatched(compared: String)
    }

    public enum Rule: String, Sendable, Equatable {
        case rememberedID, jointure, mapping, names
    }

    let remembered: [TimetablePersonID: Int]
    let mapping: [String: String?]
    let byJointure: [String: Int]
    let byNames: [String: [Int]]
    let byNamesOnly: [String: [Int]]
    let withoutBirthDate: Set<Int>

    /// `mapping` is keyed by `mappingSource(of:)`; a nil target means "ignore".
    public init(candidates: [TimetableCandidate], remembered: [TimetablePersonID: Int], mapping: [String: String?]) {
        self.remembered = remembered
        self.mapping = mapping
        var byJointure: [String: Int] = [:], byNames: [String: [Int]] = [:], byNamesOnly: [String: [Int]] = [:]
        var withoutBirthDate = Set<Int>()
        for candidate in candidates {
            if candidate.birthDate == nil { withoutBirthDate.insert(candidate.accountID) }
            if let jointure = candidate.jointure { byJointure[jointure] = candidate.accountID }
            byNames[TimetableNameKey.person(lastName: candidate.lastName, firstName: candidate.firstName,
                                            birthDate: candidate.birthDate), default: []].append(candidate.accountID)
            byNamesOnly[TimetableNameKey.person(lastName: candidate.lastName, firstName: candidate.firstName,
                                                birthDate: nil), default: []].append(candidate.accountID)
        }
        self.byJointure = byJointure
        self.byNames = byNames
        self.byNamesOnly = byNamesOnly
        self.withoutBirthDate = withoutBirthDate
    }

    /// What the administrator's page shows and maps: « DURAND Paul (né le 03/02/2001) ».
    public static func mappingSource(of person: TimetablePerson) -> String {
        var text = "\(person.lastName.uppercased()) \(person.firstName)"
        if let birthDate = person.birthDate { text += " (\(birthDate.french))" }
        return text
    }

    public func match(_ person: TimetablePerson) -> Outcome {
        for id in person.ids {
            if let account = remembered[id] { return .matched(accountID: account, by: .rememberedID) }
            if id.kind == .epj, let account = byJointure[id.value] { return .matched(accountID: account, by: .jointure) }
        }
        if let target = mapping[Self.mappingSource(of: person)] {
            guard let target, let account = Int(target) else { return .ignored }
            return .matched(accountID: account, by: .mapping)
        }
        let key = TimetableNameKey.person(lastName: person.lastName, firstName: person.firstName, birthDate: person.birthDate)
        if person.birthDate != nil, let found = byNames[key], found.count == 1 {
            return .matched(accountID: found[0], by: .names)
        }
        // A file without a birth date (the real 2012-13 sample has one empty) or a directory
        // without one: names alone, only when they point at a single person.
        let namesOnly = TimetableNameKey.person(lastName: person.lastName, firstName: person.firstName, birthDate: nil)
        if let found = byNamesOnly[namesOnly], found.count == 1,
           person.birthDate == nil || withoutBirthDate.contains(found[0]) {
            return .matched(accountID: found[0], by: .names)
        }
        let compared = person.birthDate == nil ? "nom et prénom" : "nom, prénom et date de naissance"
        let count = byNamesOnly[namesOnly]?.count ?? 0
        return .unmatched(compared: count > 1 ? "\(compared)\u{00A0}: \(count) personnes de l'annuaire portent ces nom et prénom"
                                              : "\(compared)\u{00A0}: personne de ce nom dans l'annuaire de l'établissement")
    }
}
