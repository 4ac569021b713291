import BasculeDomain
import FluentKit
import SQLKit

extension ServiceStore {
    /// Changes some fields of a row the viewer may write, under the rules `delete` applies: the
    /// row is visible to them, its year is open, and a teacher's or an author's row is changed
    /// only by them or an administrator. What places a row (its establishment, year, parent,
    /// author, teacher, file) is never changed.
    public func update(_ table: ServiceTable, id: Int, in place: Place, fields: ServiceRecord) async throws -> ServiceRecord {
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
        let fixed = Set(["id", "establishment_id", "school_year_id", table.ownerColumn, table.write.authorColumn,
                         table.fileColumn?.name, Self.scopeColumn(of: table)].compactMap { $0 })
        for (name, value) in fields {
            guard let column = table.column(name), !fixed.contains(name) else {
                throw ServiceError.invalid(field: name, reason: "champ inconnu ou fixé par le serveur")
            }
            try table.validate(value, for: column)
            if let reference = column.reference, let id = value.int {
                try await checkReference(reference.table, id: id, field: name, establishmentID: establishmentID)
            }
            record[name] = value
        }
        guard !fields.isEmpty else { return record }
        let update = sql.update(table.name).where("id", .equal, id)
        for name in fields.keys.sorted() { update.set(SQLIdentifier(name), to: fields[name]!.bind) }
        try await update.run()
        return record
    }

    private static func scopeColumn(of table: ServiceTable) -> String? {
        switch table.scope {
        case .account(let column), .parent(let column, _): column
        case .establishment, .content: nil
        }
    }
}
