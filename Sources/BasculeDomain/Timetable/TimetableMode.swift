/// Where an establishment's teaching groups come from, the guide's three modes ("Trois modes
/// d'alimentation des groupes d'enseignement"). A setting of the establishment per school year.
public enum TimetableMode: String, Sendable, Codable, CaseIterable {
    /// 1: institutional groups from STS and SIECLE, through the AAF; the timetable only places courses.
    case feed
    /// 2: groups from the timetable, populated in the timetable software; the file's dates end memberships.
    case software
    /// 3: groups from the timetable, populated in the ENT by the establishment.
    case ent

    public init?(number: Int) {
        switch number {
        case 1: self = .feed
        case 2: self = .software
        case 3: self = .ent
        default: return nil
        }
    }

    public var number: Int {
        switch self {
        case .feed: 1
        case .software: 2
        case .ent: 3
        }
    }

    public var label: String {
        switch self {
        case .feed: "Mode 1\u{00A0}: groupes d'enseignement de l'annuaire académique (STS et SIECLE)"
        case .software: "Mode 2\u{00A0}: groupes de l'emploi du temps, composés dans le logiciel"
        case .ent: "Mode 3\u{00A0}: groupes de l'emploi du temps, composés dans l'ENT"
        }
    }

    /// Whether the import creates the timetable's groups.
    public var createsGroups: Bool { self != .feed }

    /// Whether the import writes memberships and their dates (only mode 2: "les dates de début et de
    /// fin d'année présentes dans le fichier sont importées").
    public var importsMemberships: Bool { self == .software }
}
