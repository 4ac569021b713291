import BasculeDomain
import FluentKit

/// The access rules of the directory that read rows (the others are `Viewer`'s):
///
/// - A student sees their own classes and groups; a parent, their children's.
/// - Anyone sees their own account; a parent, their children's; administrators, the accounts
///   of their establishment.
public struct DirectoryAccess: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// Students this viewer is responsible for this year (themselves if a student, their
    /// children if a parent, in the years of the parent's establishments).
    public func ownStudents() async throws -> [Int] {
        var ids = viewer.isStudent ? [viewer.accountID] : []
        if viewer.isParent {
            ids += try await ParentLink.query(on: db)
                .filter(\.$parent.$id == viewer.accountID)
                .filter(\.$schoolYear.$id ~~ viewer.yearIDs)
                .all(\.$student.$id)
        }
        return ids
    }

    /// Whether the viewer may read a class: personnel of its establishment, or a student in it
    /// (or their parent).
    public func canSee(_ schoolClass: SchoolClass) async throws -> Bool {
        try await canSee(container: schoolClass.$establishment.id) { students in
            try await ClassMembership.query(on: db)
                .filter(\.$schoolClass.$id == schoolClass.requireID()).filter(\.$account.$id ~~ students).count()
        }
    }

    public func canSee(_ group: Group) async throws -> Bool {
        try await canSee(container: group.$establishment.id) { students in
            try await GroupMembership.query(on: db)
                .filter(\.$group.$id == group.requireID()).filter(\.$account.$id ~~ students).count()
        }
    }

    /// A class or group: personnel of its establishment see it; others if one of their own
    /// students is a member (`members` counts those of the given students).
    private func canSee(container establishmentID: Int, members: ([Int]) async throws -> Int) async throws -> Bool {
        if viewer.seesAllClasses(of: establishmentID) { return true }
        let students = try await ownStudents()
        guard !students.isEmpty else { return false }
        return try await members(students) > 0
    }

    /// Whether the viewer may read an account's card (with its personal data).
    public func canSee(account other: Account) async throws -> Bool {
        let otherID = try other.requireID()
        if otherID == viewer.accountID || viewer.isOperator { return true }
        if try await ownStudents().contains(otherID) { return true }
        let administered = viewer.memberships.filter { $0.kind.administersEstablishment }.map(\.establishmentID)
        guard !administered.isEmpty else { return false }
        return try await Profile.query(on: db)
            .filter(\.$account.$id == otherID)
            .filter(\.$establishment.$id ~~ administered)
            .count() > 0
    }
}
