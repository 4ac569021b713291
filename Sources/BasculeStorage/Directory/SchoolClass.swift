import BasculeDomain
import FluentKit

/// A class of one school year in one establishment ("6A", "1AQUA").
public final class SchoolClass: Model, @unchecked Sendable {
    public static let schema = "classes"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "establishment_id") public var establishment: Establishment
    @Parent(key: "school_year_id") public var schoolYear: SchoolYear
    @Field(key: "code") public var code: String
    @Field(key: "level") public var level: String
    @OptionalParent(key: "mef_id") public var mef: Mef?

    public init() {}
}

public final class ClassMembership: Model, @unchecked Sendable {
    public static let schema = "class_memberships"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "class_id") public var schoolClass: SchoolClass
    @Parent(key: "account_id") public var account: Account
    @Field(key: "starts_on") public var startsOn: CalendarDate
    /// Set when the timetable's end date takes the student out of the class (mode 2 imports).
    @OptionalField(key: "ends_on") public var endsOn: CalendarDate?

    public init() {}
}

/// A professeur principal of a class.
public final class HeadTeacher: Model, @unchecked Sendable {
    public static let schema = "head_teachers"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "class_id") public var schoolClass: SchoolClass
    @Parent(key: "teacher_id") public var teacher: Account

    public init() {}
}
