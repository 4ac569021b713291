import BasculeDomain
import BasculeStorage
import Fluent
import Vapor

/// The access rules of the directory, in one place.
///
/// - The operator sees every establishment.
/// - Personnel (teachers, staff, administrators, heads) see their establishment's classes and groups.
/// - ENT administrators and heads see their establishment's accounts.
/// - A student sees their own classes and groups; a parent, their children's.
/// - Anyone sees their own account; a parent, their children's; administrators, the accounts
///   of their establishment.
extension Viewer {
    func canSee(establishmentID: Int) -> Bool {
        isOperator || !kinds(in: establishmentID).isEmpty
    }

    func seesAllClasses(of establishmentID: Int) -> Bool {
        isOperator || kinds(in: establishmentID).contains { $0.isPersonnel }
    }

    func administers(_ establishmentID: Int) -> Bool {
        isOperator || kinds(in: establishmentID).contains { $0.administersEstablishment }
    }

    /// Students this viewer is responsible for this year (themselves if a student, their children if a parent).
    func ownStudents(on db: any Database) async throws -> [Int] {
        var ids = memberships.contains { $0.kind == .student } ? [accountID] : []
        if memberships.contains(where: { $0.kind == .parent }), let yearID = year?.id {
            ids += try await ParentLink.query(on: db)
                .filter(\.$parent.$id == accountID)
                .filter(\.$schoolYear.$id == yearID)
                .all(\.$student.$id)
        }
        return ids
    }

    /// Whether the viewer may read a class: personnel of its establishment, or a student in it
    /// (or their parent).
    func canSee(_ schoolClass: SchoolClass, on db: any Database) async throws -> Bool {
        try await canSee(container: schoolClass.$establishment.id, on: db) { students in
            try await ClassMembership.query(on: db)
                .filter(\.$schoolClass.$id == schoolClass.requireID()).filter(\.$account.$id ~~ students).count()
        }
    }

    func canSee(_ group: Group, on db: any Database) async throws -> Bool {
        try await canSee(container: group.$establishment.id, on: db) { students in
            try await GroupMembership.query(on: db)
                .filter(\.$group.$id == group.requireID()).filter(\.$account.$id ~~ students).count()
        }
    }

    /// A class or group: personnel of its establishment see it; others if one of their own
    /// students is a member (`members` counts those of the given students).
    private func canSee(container establishmentID: Int, on db: any Database,
                        members: ([Int]) async throws -> Int) async throws -> Bool {
        if seesAllClasses(of: establishmentID) { return true }
        let students = try await ownStudents(on: db)
        guard !students.isEmpty else { return false }
        return try await members(students) > 0
    }

    /// Whether the viewer may read an account's card (with its personal data).
    func canSee(account other: Account, on db: any Database) async throws -> Bool {
        let otherID = try other.requireID()
        if otherID == accountID || isOperator { return true }
        if try await ownStudents(on: db).contains(otherID) { return true }
        let administered = memberships.filter { $0.kind.administersEstablishment }.map(\.establishmentID)
        guard !administered.isEmpty else { return false }
        return try await Profile.query(on: db)
            .filter(\.$account.$id == otherID)
            .filter(\.$establishment.$id ~~ administered)
            .count() > 0
    }
}
