import BasculeDomain
import BasculeStorage
import Vapor

// The JSON shapes of the directory API (camelCase, English names).

struct EstablishmentDTO: Content {
    let id: Int
    let uai: String
    let name: String
    let kind: EstablishmentKind
    let academy: String

    init(_ e: Establishment) throws {
        id = try e.requireID()
        uai = e.uai.code
        name = e.name
        kind = e.kind
        academy = e.academy
    }
}

struct ClassDTO: Content {
    let id: Int
    let code: String
    let level: String
    let establishmentID: Int
    let schoolYearID: Int
    var members: [MemberDTO]?

    init(_ c: SchoolClass, members: [MemberDTO]? = nil) throws {
        id = try c.requireID()
        code = c.code
        level = c.level
        establishmentID = c.$establishment.id
        schoolYearID = c.$schoolYear.id
        self.members = members
    }
}

struct GroupDTO: Content {
    let id: Int
    let code: String
    let name: String
    let kind: GroupKind
    let lifetime: GroupLifetime?
    let establishmentID: Int
    let schoolYearID: Int
    var members: [MemberDTO]?

    init(_ g: Group, members: [MemberDTO]? = nil) throws {
        id = try g.requireID()
        code = g.code
        name = g.name
        kind = g.kind
        lifetime = g.lifetime
        establishmentID = g.$establishment.id
        schoolYearID = g.$schoolYear.id
        self.members = members
    }
}

/// A name in a list: no personal data beyond it.
struct MemberDTO: Content {
    let id: Int
    let firstName: String
    let lastName: String

    init(_ a: Account) throws {
        id = try a.requireID()
        firstName = a.firstName
        lastName = a.lastName
    }
}

/// An account's card, for those allowed to read it.
struct AccountDTO: Content {
    struct ProfileDTO: Content {
        let establishmentID: Int
        let uai: String
        let kind: ProfileKind
    }

    let id: Int
    let login: String
    let firstName: String
    let lastName: String
    let email: String?
    let birthDate: CalendarDate?
    let source: AccountSource
    let isPerennial: Bool
    let state: AccountState
    let isOperator: Bool
    let profiles: [ProfileDTO]
}
