import BasculeDomain
import FluentKit

/// Read queries of the directory for pages and API, scoped to a school year.
public struct DirectoryQueries: Sendable {
    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    public func classes(ofStudent studentID: Int, yearID: Int) async throws -> [SchoolClass] {
        try await SchoolClass.query(on: db)
            .join(ClassMembership.self, on: \ClassMembership.$schoolClass.$id == \SchoolClass.$id)
            .filter(ClassMembership.self, \.$account.$id == studentID)
            .filter(\.$schoolYear.$id == yearID)
            .sort(\.$code)
            .all()
    }

    public func groups(ofMember accountID: Int, yearID: Int) async throws -> [Group] {
        try await Group.query(on: db)
            .join(GroupMembership.self, on: \GroupMembership.$group.$id == \Group.$id)
            .filter(GroupMembership.self, \.$account.$id == accountID)
            .group(.or) { $0.filter(\.$schoolYear.$id == yearID).filter(\.$lifetime == .unlimited) }
            .sort(\.$code)
            .all()
    }

    public func teaching(of teacherID: Int, yearID: Int) async throws -> [TeachingAssignment] {
        try await TeachingAssignment.query(on: db)
            .filter(\.$teacher.$id == teacherID)
            .join(Subject.self, on: \TeachingAssignment.$subject.$id == \Subject.$id)
            .filter(Subject.self, \.$schoolYear.$id == yearID)
            .with(\.$schoolClass)
            .with(\.$group)
            .with(\.$subject)
            .all()
    }

    public func children(ofParent parentID: Int, yearID: Int) async throws -> [Account] {
        try await ParentLink.query(on: db)
            .filter(\.$parent.$id == parentID)
            .filter(\.$schoolYear.$id == yearID)
            .with(\.$student)
            .all()
            .map(\.student)
            .sorted { $0.firstName < $1.firstName }
    }

    public func classes(of establishmentID: Int, yearID: Int) async throws -> [SchoolClass] {
        try await SchoolClass.query(on: db)
            .filter(\.$establishment.$id == establishmentID)
            .filter(\.$schoolYear.$id == yearID)
            .sort(\.$code)
            .all()
    }

    /// Groups of the year, and manual groups without a time limit (they outlive their year).
    public func groups(of establishmentID: Int, yearID: Int) async throws -> [Group] {
        try await Group.query(on: db)
            .filter(\.$establishment.$id == establishmentID)
            .group(.or) { $0.filter(\.$schoolYear.$id == yearID).filter(\.$lifetime == .unlimited) }
            .sort(\.$code)
            .all()
    }

    public func profileCount(of establishmentID: Int, yearID: Int, kind: ProfileKind) async throws -> Int {
        try await Profile.query(on: db)
            .filter(\.$establishment.$id == establishmentID)
            .filter(\.$schoolYear.$id == yearID)
            .filter(\.$kind == kind)
            .count()
    }
}
