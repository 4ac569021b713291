/// The vocabulary of the directory, as stored in the database (raw values are the column values).

public enum EstablishmentKind: String, Sendable, Codable, CaseIterable {
    case college
    case lycee
    case lyceePro = "lycee_pro"
    case erea
    case other

    public var label: String {
        switch self {
        case .college: "Collège"
        case .lycee: "Lycée"
        case .lyceePro: "Lycée professionnel"
        case .erea: "EREA"
        case .other: "Autre structure"
        }
    }
}

/// Where an account comes from. Only feed accounts are managed by the AAF import;
/// manual accounts live until deleted, or until the year change if not perennial.
public enum AccountSource: String, Sendable, Codable, CaseIterable {
    case feed
    case manual
    case timetable
}

/// An account's lifecycle: a departure is first recorded (`left`, with its date), so that
/// it can be undone during the grace period, and only later made final (`deleted`).
public enum AccountState: String, Sendable, Codable, CaseIterable {
    case active
    case left
    case deleted
}

/// What a person is in an establishment. The first four come from the feed; the ENT roles
/// are granted in Bascule and are what the year change and its dashboard are for.
public enum ProfileKind: String, Sendable, Codable, CaseIterable {
    case student
    case parent
    case teacher
    case staff
    case entAdmin = "ent_admin"
    case head

    public var label: String {
        switch self {
        case .student: "Élève"
        case .parent: "Parent"
        case .teacher: "Enseignant"
        case .staff: "Personnel"
        case .entAdmin: "Administrateur ENT"
        case .head: "Chef d'établissement"
        }
    }

    /// Profiles that manage their establishment's data.
    public var administersEstablishment: Bool { self == .entAdmin || self == .head }

    /// Profiles that work in the establishment (and so read its directory).
    public var isPersonnel: Bool { self == .teacher || self == .staff || administersEstablishment }
}

public enum GroupKind: String, Sendable, Codable, CaseIterable {
    /// Teaching groups from STS/SIECLE, through the AAF.
    case institutional
    /// Groups from the timetable software (EDT, UDT).
    case timetable
    /// Groups created by hand in the ENT.
    case manual
}

/// How long a manual group lives. A group limited to the school year is deleted by the change
/// ("un groupe non pérenne est supprimé lors du changement d'année scolaire").
public enum GroupLifetime: String, Sendable, Codable, CaseIterable {
    case schoolYear = "school_year"
    case unlimited

    public var label: String {
        switch self {
        case .schoolYear: "Année scolaire"
        case .unlimited: "Non limitée"
        }
    }
}
