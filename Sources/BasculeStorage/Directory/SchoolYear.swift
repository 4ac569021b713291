import BasculeDomain
import FluentKit

/// A school year. Year-scoped rows point at it, so that ending a year is a change of its
/// state plus set-based deletes, never a copy of the year's rows.
public final class SchoolYear: Model, @unchecked Sendable {
    public static let schema = "school_years"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: SchoolYearName
    @Field(key: "starts_on") public var startsOn: CalendarDate
    @Field(key: "ends_on") public var endsOn: CalendarDate
    @Field(key: "state") public var state: SchoolYearState

    public init() {}

    public init(name: SchoolYearName, startsOn: CalendarDate? = nil, endsOn: CalendarDate? = nil,
                state: SchoolYearState = .preparing) {
        self.name = name
        self.startsOn = startsOn ?? name.defaultStart
        self.endsOn = endsOn ?? name.defaultEnd
        self.state = state
    }

    /// The year in force, if any.
    public static func current(on db: any Database) async throws -> SchoolYear? {
        try await SchoolYear.query(on: db).filter(\.$state == .current).first()
    }
}
