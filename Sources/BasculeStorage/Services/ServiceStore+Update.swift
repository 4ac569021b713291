import BasculeDomain
import FluentKit
import SQLKit

extension ServiceStore {
    /// Changes some fields of a row the viewer may write, under the rules `delete` applies: the
    /// row is visible to them, its year is open, and a teacher's or an author's row is changed
    /// only by them or an administrator. Only the `editable` columns the caller names change
    /// (a session's content, a section's title): never what places a row — its establishment,
    /// year, class, parent, author, teacher, file, or any other reference.
    public func update(_ table: ServiceTable, id: Int, in place: Place, fields: ServiceRecord,
                       editable: Set<String>) async throws -> ServiceRecord {
        var record = try await read(table, id: id, in: place)
        try await checkWritable(table, in: place)
        let establishmentID: Int?
        switch place {
        case .establishment(let id, _), .parent(_, _, let id): establishmentID = id
        case .personal: establishmentID = nil
        }
        try await checkYearOpen(record, in: establishmentID)
        if let establishmentID, let column = table.ownerColumn, !viewer.administers(establishmentID),
           record[column]?.int != viewer.accountID {
            throw ServiceError.forbidden("Seul son auteur ou un administrateur modifie cette ligne.")
        }
        for (name, value) in fields {
            guard let column = table.column(name), editable.contains(name), column.reference == nil, name != "id" else {
                throw ServiceError.invalid(field: name, reason: "champ inconnu ou fixé par le serveur")
            }
            try table.validate(value, for: column)
            record[name] = value
        }
        guard !fields.isEmpty else { return record }
        let update = sql.update(table.name).where("id", .equal, id)
        for name in fields.keys.sorted() { update.set(SQLIdentifier(name), to: fields[name]!.bind) }
        try await update.run()
        return record
    }
}
