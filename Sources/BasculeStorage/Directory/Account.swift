import BasculeDomain
import FluentKit

/// A person, stable across school years: the AAF jointure for fed accounts, so that whoever
/// is in this year's and last year's export keeps the same login, password and data.
public final class Account: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @OptionalField(key: "jointure") public var jointure: String?
    @Field(key: "source") public var source: AccountSource
    /// Only meaningful for manual accounts: a non-perennial one is deleted by the year change.
    @Field(key: "is_perennial") public var isPerennial: Bool
    @Field(key: "last_name") public var lastName: String
    @Field(key: "first_name") public var firstName: String
    @OptionalField(key: "birth_date") public var birthDate: CalendarDate?
    @OptionalField(key: "email") public var email: String?
    @Field(key: "login") public var login: String
    /// Bcrypt; `nil` until the person activates the account.
    @OptionalField(key: "password_hash") public var passwordHash: String?
    @OptionalField(key: "ine") public var ine: String?
    @Field(key: "state") public var state: AccountState
    @OptionalField(key: "left_on") public var leftOn: CalendarDate?
    @Field(key: "is_operator") public var isOperator: Bool
    /// The password is a temporary one an administrator gave: the person chooses theirs first.
    @Field(key: "must_change_password") public var mustChangePassword: Bool

    @Children(for: \.$account) public var profiles: [Profile]

    public init() {}

    public init(login: String, firstName: String, lastName: String, source: AccountSource,
                isPerennial: Bool = false, jointure: String? = nil, isOperator: Bool = false) {
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.source = source
        self.isPerennial = isPerennial
        self.jointure = jointure
        self.isOperator = isOperator
        self.state = .active
        self.mustChangePassword = false
    }

    public var displayName: String { "\(firstName) \(lastName)" }
}
