/// Who may use the ENT at a given moment, from the operator's closure phases and each
/// establishment's summer block of students and parents (the guide's calendar and its
/// "Blocage des accès ENT"). Instants are local French time, `yyyy-MM-ddTHH:mm[:ss]`, compared as text.
public struct AccessCalendar: Sendable {
    public enum Access: String, Sendable, Codable, CaseIterable {
        /// Everything closed, public pages included.
        case closed
        /// Only the public pages.
        case publicOnly = "public_only"
        /// Students and parents cannot sign in; everyone else can.
        case studentsAndParentsBlocked = "students_parents_blocked"

        public var label: String {
            switch self {
            case .closed: "ENT fermé, pages publiques comprises"
            case .publicOnly: "seules les pages publiques sont ouvertes"
            case .studentsAndParentsBlocked: "accès des élèves et des parents bloqué"
            }
        }
    }

    public struct Phase: Sendable, Codable, Equatable {
        public var id: Int
        public var label: String
        public var startsAt: String
        public var endsAt: String
        public var access: Access
        /// For a block of students and parents: from when an establishment may lift it, and
        /// until when it may extend it.
        public var liftFrom: String?
        public var extendUntil: String?

        public init(id: Int, label: String, startsAt: String, endsAt: String, access: Access,
                    liftFrom: String? = nil, extendUntil: String? = nil) {
            self.id = id
            self.label = label
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.access = access
            self.liftFrom = liftFrom
            self.extendUntil = extendUntil
        }

        /// Where an establishment may end the block: between `liftFrom` and `extendUntil`.
        public func allows(endingAt end: String) -> Bool {
            guard access == .studentsAndParentsBlocked else { return false }
            return end >= (liftFrom ?? endsAt) && end <= (extendUntil ?? endsAt) && end > startsAt
        }
    }

    /// A refusal, with when it ends.
    public struct Closure: Sendable, Equatable {
        public let access: Access
        public let until: String
        public let label: String
    }

    public let phases: [Phase]
    /// Per establishment and phase, the end of the block the establishment chose.
    public let blockEnds: [BlockKey: String]

    public struct BlockKey: Hashable, Sendable {
        public let establishmentID: Int
        public let phaseID: Int

        public init(establishmentID: Int, phaseID: Int) {
            self.establishmentID = establishmentID
            self.phaseID = phaseID
        }
    }

    public init(phases: [Phase], blockEnds: [BlockKey: String] = [:]) {
        self.phases = phases.sorted { $0.startsAt < $1.startsAt }
        self.blockEnds = blockEnds
    }

    /// Whether public pages are served now.
    public func publicPagesClosure(at now: String) -> Closure? {
        active(at: now).first { $0.access == .closed }.map { Closure(access: .closed, until: $0.endsAt, label: $0.label) }
    }

    /// Whether a signed-in person may use the ENT now. `profiles`: their profile kinds per
    /// establishment. Operators always may (they run the change).
    public func closure(at now: String, isOperator: Bool, profiles: [Int: Set<ProfileKind>]) -> Closure? {
        guard !isOperator else { return nil }
        for phase in active(at: now) where phase.access != .studentsAndParentsBlocked {
            return Closure(access: phase.access, until: phase.endsAt, label: phase.label)
        }
        let allKinds = profiles.values.reduce(into: Set<ProfileKind>()) { $0.formUnion($1) }
        guard !allKinds.isEmpty, allKinds.isSubset(of: [.student, .parent]) else { return nil }
        var latest: Closure?
        for phase in phases where phase.access == .studentsAndParentsBlocked && phase.startsAt <= now {
            // Blocked if every establishment of theirs still blocks them.
            let ends = profiles.keys.map { blockEnds[BlockKey(establishmentID: $0, phaseID: phase.id)] ?? phase.endsAt }
            guard let earliest = ends.min(), now < earliest else { continue }
            if latest == nil || earliest > latest!.until {
                latest = Closure(access: .studentsAndParentsBlocked, until: earliest, label: phase.label)
            }
        }
        return latest
    }

    func active(at now: String) -> [Phase] {
        phases.filter { $0.startsAt <= now && now < $0.endsAt }
    }
}
