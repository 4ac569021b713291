import BasculeDomain
import BasculeStorage
import Vapor

extension ServiceAPI {
    /// The table a request names, where its rows are read, and the store for its viewer.
    /// `forList`: the last table of the path is listed or created in (rather than a row read).
    func resolve(_ req: Request, forList: Bool) async throws -> (ServiceStore, ServiceTable, ServiceStore.Place) {
        let viewer = try req.viewer()
        let store = ServiceStore(viewer: viewer, db: req.db)
        let table = try Self.table(req.parameters.get("table"))
        guard let uai = req.parameters.get("uai") else {
            guard case .account = table.scope else {
                throw ServiceError.unknownTable("\(table.name) (lisible par /api/v1/establishments/{uai}/\(table.name))")
            }
            return (store, table, .personal)
        }
        let establishment = try await Establishment.find(uai: uai, on: req.db)
        let establishmentID = try establishment.requireID()
        if let childName = req.parameters.get("child") {
            let child = try Self.table(childName)
            guard case .parent(_, table.name) = child.scope else {
                throw ServiceError.unknownTable("\(childName) dans \(table.name)")
            }
            // Rows inside a person's own data (a message's attachments) are not an
            // establishment's: they have their own route.
            switch table.scope {
            case .establishment, .parent: break
            case .account, .content: throw ServiceError.unknownTable("\(childName) (données personnelles : voir /api/v1/mail)")
            }
            let parentID = try req.parameters.require("id", as: Int.self)
            _ = try await store.read(table, id: parentID, in: placeOfRow(table, req, store, establishmentID: establishmentID))
            return (store, child, .parent(table: table, id: parentID, establishmentID: establishmentID))
        }
        switch table.scope {
        case .establishment:
            // A row read by its id is found whatever its year (last year's logbook stays readable).
            return (store, table, .establishment(id: establishmentID, yearID: forList
                ? try await store.listYearID(named: req.query[String.self, at: "year"], establishmentID: establishmentID) : nil))
        case .parent where !forList:
            // A row of a child table read by its id: visible if its parent row is.
            return (store, table, try await placeOfRow(table, req, store, establishmentID: establishmentID))
        case .parent(_, let parent):
            throw ServiceError.unknownTable("\(table.name) (lisible par /api/v1/establishments/\(uai)/\(parent)/{id}/\(table.name))")
        case .account, .content:
            throw ServiceError.unknownTable("\(table.name) (données personnelles : /api/v1/me/\(table.name))")
        }
    }

    /// Where the row `id` of `table` is read from: its establishment for a top-level table,
    /// its parent row (checked visible, recursively) for a child table.
    func placeOfRow(_ table: ServiceTable, _ req: Request, _ store: ServiceStore, establishmentID: Int? = nil,
                    id: Int? = nil) async throws -> ServiceStore.Place {
        let establishmentID = if let establishmentID { establishmentID } else {
            try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        }
        let id = try id ?? req.parameters.require("id", as: Int.self)
        guard case .parent(let column, let parentName) = table.scope, let parent = ServiceSchema.byName[parentName] else {
            return .establishment(id: establishmentID, yearID: nil)
        }
        guard let parentID = try await store.parentID(of: table, id: id, column: column) else { throw ServiceError.notFound(table: table.name, id: id) }
        _ = try await store.read(parent, id: parentID,
                                 in: placeOfRow(parent, req, store, establishmentID: establishmentID, id: parentID))
        return .parent(table: parent, id: parentID, establishmentID: establishmentID)
    }

    static func table(_ name: String?) throws -> ServiceTable {
        guard let name, let table = ServiceSchema.byName[name], table.scope != .content else {
            throw ServiceError.unknownTable(name ?? "")
        }
        if let route = ownRoutes[name] { throw ServiceError.dedicatedRoute(table: name, route: route) }
        return table
    }

    /// Tables whose rules are more than a table's (a form is answered while open, by its
    /// establishment's members; its answers are its author's to read; a communication has its
    /// recipients computed; a favourite is never a script): their own routes only.
    static let ownRoutes: [String: String] = [
        "forms": "/formulaires", "form_questions": "/formulaires", "form_answers": "/formulaires",
        "targeted_messages": "/communications", "targeted_message_recipients": "/communications", "favourites": "/favoris",
    ]


    /// The fields of an upload, from its query string, typed by the table's columns.
    func queryFields(_ req: Request, table: ServiceTable) throws -> ServiceRecord {
        var fields = ServiceRecord()
        for item in URLComponents(string: req.url.string)?.queryItems ?? [] {
            guard let column = table.column(item.name), let value = item.value else {
                throw ServiceError.invalid(field: item.name, reason: "champ inconnu")
            }
            switch column.kind {
            case .text: fields[item.name] = .text(value)
            case .int:
                guard let int = Int(value) else { throw ServiceError.invalid(field: item.name, reason: "entier attendu") }
                fields[item.name] = .int(int)
            case .bool:
                guard let bool = Bool(value) else { throw ServiceError.invalid(field: item.name, reason: "true ou false attendu") }
                fields[item.name] = .bool(bool)
            }
        }
        return fields
    }
}
