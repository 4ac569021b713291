import BasculeDomain
import SQLKit

extension ServiceStore {
    /// A reference a client gives must point at a row of the same establishment: a class, a
    /// group, an absence reason, a section… of this establishment, an account with a profile
    /// in it; in personal data, a row of the viewer's own.
    func checkReference(_ target: String, id: Int, field: String, establishmentID: Int?) async throws {
        let unknown = ServiceError.invalid(field: field, reason: "référence \(id) inconnue ici")
        switch target {
        case "accounts":
            guard let establishmentID else {
                guard id == viewer.accountID else { throw unknown }
                return
            }
            let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("profiles")
                .where("account_id", .equal, id).where("establishment_id", .equal, establishmentID)
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard count > 0 else { throw unknown }
        case "subjects", "mefs":
            guard try await sql.select().column("id").from(target).where("id", .equal, id).first() != nil else { throw unknown }
        case "school_years", "files":
            throw ServiceError.invalid(field: field, reason: "fixé par le serveur")
        default:
            guard let owner = try await owner(of: target, id: id) else { throw unknown }
            switch owner {
            case .establishment(let rowEstablishment): guard rowEstablishment == establishmentID else { throw unknown }
            case .account(let account): guard account == viewer.accountID else { throw unknown }
            }
        }
    }

    enum Owner: Equatable { case establishment(Int), account(Int) }

    /// The establishment (or person) a row belongs to, following parent rows up.
    func owner(of table: String, id: Int) async throws -> Owner? {
        if table == "classes" || table == "groups" {
            return try await sql.select().column("establishment_id").from(table).where("id", .equal, id)
                .first(decodingColumn: "establishment_id", as: Int.self).map(Owner.establishment)
        }
        guard let spec = ServiceSchema.byName[table] else { return nil }
        switch spec.scope {
        case .establishment:
            return try await sql.select().column("establishment_id").from(table).where("id", .equal, id)
                .first(decodingColumn: "establishment_id", as: Int.self).map(Owner.establishment)
        case .account(let column):
            return try await sql.select().column(column).from(table).where("id", .equal, id)
                .first(decodingColumn: column, as: Int.self).map(Owner.account)
        case .parent(let column, let parent):
            guard let parentID = try await sql.select().column(column).from(table).where("id", .equal, id)
                .first(decodingColumn: column, as: Int.self) else { return nil }
            return try await owner(of: parent, id: parentID)
        case .content:
            return nil
        }
    }

    /// The section a row of a table inside sections belongs to (its parent row `rowID` in
    /// `parent`), following parent rows up (a shared document's folder, then its section).
    func sectionID(of parent: ServiceTable, id rowID: Int) async throws -> Int {
        var (table, id) = (parent, rowID)
        while table.name != "sections" {
            guard case .parent(let column, let parentName) = table.scope, let next = ServiceSchema.byName[parentName],
                  let nextID = try await parentID(of: table, id: id, column: column)
            else { throw ServiceError.unknownTable(table.name) }
            (table, id) = (next, nextID)
        }
        return id
    }

    /// Rows of a year that has ended are read-only (the logbook of last year, its marks…): an
    /// archived year, or, in an establishment whose own change is done, the year it left.
    public func checkYearOpen(_ record: ServiceRecord, in establishmentID: Int?) async throws {
        guard let yearID = record["school_year_id"]?.int else { return }
        let row = try await sql.select().columns("name", "state").from("school_years").where("id", .equal, yearID).first()
        guard let row else { return }
        let name = try row.decode(column: "name", as: String.self)
        if try row.decode(column: "state", as: SchoolYearState.self) == .archived { throw ServiceError.archivedYear(name) }
        if let establishmentID, let own = try await viewer.year(of: establishmentID, on: db), own.name > (try SchoolYearName(name)) {
            throw ServiceError.archivedYear(name)
        }
    }
}
