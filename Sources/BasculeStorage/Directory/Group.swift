import BasculeDomain
import FluentKit

/// A group of one school year: institutional (feed), timetable, or manual. A manual group
/// limited to the school year is deleted by the change; an unlimited one lives on.
public final class Group: Model, @unchecked Sendable {
    public static let schema = "groups"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "establishment_id") public var establishment: Establishment
    @Parent(key: "school_year_id") public var schoolYear: SchoolYear
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: GroupKind
    @OptionalField(key: "lifetime") public var lifetime: GroupLifetime?
    @OptionalParent(key: "owner_account_id") public var owner: Account?

    public init() {}
}

public final class GroupMembership: Model, @unchecked Sendable {
    public static let schema = "group_memberships"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "group_id") public var group: Group
    @Parent(key: "account_id") public var account: Account
    @Field(key: "starts_on") public var startsOn: CalendarDate
    @OptionalField(key: "ends_on") public var endsOn: CalendarDate?

    public init() {}
}

/// A teacher teaching a subject to a class or to a group (exactly one of the two).
public final class TeachingAssignment: Model, @unchecked Sendable {
    public static let schema = "teaching_assignments"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "teacher_id") public var teacher: Account
    @OptionalParent(key: "class_id") public var schoolClass: SchoolClass?
    @OptionalParent(key: "group_id") public var group: Group?
    @Parent(key: "subject_id") public var subject: Subject

    public init() {}
}

/// A responsible adult of a student, for a school year; `isLegalGuardian` from the feed's
/// `ENTElevePersRelEleve` legal flag.
public final class ParentLink: Model, @unchecked Sendable {
    public static let schema = "parent_links"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "school_year_id") public var schoolYear: SchoolYear
    @Parent(key: "parent_id") public var parent: Account
    @Parent(key: "student_id") public var student: Account
    @Field(key: "is_legal_guardian") public var isLegalGuardian: Bool

    public init() {}
}
