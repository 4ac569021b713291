import BasculeDomain
import FluentKit

/// What an account is in an establishment. Profiles from the feed belong to a school year
/// (next year's can be imported while this one runs); ENT roles granted by hand have none.
public final class Profile: Model, @unchecked Sendable {
    public static let schema = "profiles"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Parent(key: "account_id") public var account: Account
    @Parent(key: "establishment_id") public var establishment: Establishment
    @OptionalParent(key: "school_year_id") public var schoolYear: SchoolYear?
    @Field(key: "kind") public var kind: ProfileKind

    public init() {}

    public init(accountID: Int, establishmentID: Int, schoolYearID: Int?, kind: ProfileKind) {
        self.$account.id = accountID
        self.$establishment.id = establishmentID
        self.$schoolYear.id = schoolYearID
        self.kind = kind
    }
}
