/// The access rules of the directory that need no query, in one place.
///
/// - The operator sees every establishment.
/// - Personnel (teachers, staff, administrators, heads) see their establishment's classes and groups.
/// - ENT administrators and heads see their establishment's accounts.
/// - A student sees their own classes and groups; a parent, their children's (BasculeStorage's
///   `DirectoryStore`, which reads the memberships).
extension Viewer {
    public func canSee(establishmentID: Int) -> Bool {
        isOperator || !kinds(in: establishmentID).isEmpty
    }

    public func seesAllClasses(of establishmentID: Int) -> Bool {
        isOperator || kinds(in: establishmentID).contains { $0.isPersonnel }
    }

    public func isPersonnel(of establishmentID: Int) -> Bool { seesAllClasses(of: establishmentID) }

    public func administers(_ establishmentID: Int) -> Bool {
        isOperator || kinds(in: establishmentID).contains { $0.administersEstablishment }
    }

    /// The establishments the viewer administers, by UAI (the operator's are not listed: they
    /// are all of them).
    public var administeredUAIs: [String] {
        establishments.filter { administers($0.id) }.map(\.uai)
    }

    /// The school life office — CPE and vie scolaire (staff), heads and ENT administrators —
    /// handles the establishment's absences, punishments and sanctions; a teacher takes the roll
    /// call of their own courses.
    public func handlesSchoolLife(of establishmentID: Int) -> Bool {
        isOperator || kinds(in: establishmentID).contains { [.staff, .head, .entAdmin].contains($0) }
    }

    public var isStudent: Bool { memberships.contains { $0.kind == .student } }
    public var isParent: Bool { memberships.contains { $0.kind == .parent } }
}
