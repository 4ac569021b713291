import BasculeDomain
import FluentKit

/// A subject of the national nomenclature (`ENTMatJointure`), per school year.
public final class Subject: Model, @unchecked Sendable {
    public static let schema = "subjects"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "school_year_id") public var schoolYear: SchoolYear
    @Field(key: "code") public var code: String
    @Field(key: "label") public var label: String

    public init() {}
}

/// A MEF code ("module élémentaire de formation"): the level and course of a class.
public final class Mef: Model, @unchecked Sendable {
    public static let schema = "mefs"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "school_year_id") public var schoolYear: SchoolYear
    @Field(key: "code") public var code: String
    @Field(key: "label") public var label: String

    public init() {}
}
