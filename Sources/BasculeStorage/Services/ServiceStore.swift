import BasculeDomain
import FluentKit
import Foundation
import SQLKit

/// Reads and writes the rows of the services' tables for one viewer, with the rules of
/// `Viewer+ServiceAccess.swift`. Table and column names come from `ServiceSchema`, never from
/// the request; every value is bound.
public struct ServiceStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    /// Where a row list is read: an establishment (and a year), a parent row, or the viewer's own data.
    public enum Place: Sendable {
        case establishment(id: Int, yearID: Int?)
        case parent(table: ServiceTable, id: Int, establishmentID: Int)
        case personal
    }

    public struct Page: Codable, Sendable {
        public let items: [ServiceRecord]
        /// Pass as `after` to read the next page; absent on the last one.
        public let next: Int?
    }

    public func list(_ table: ServiceTable, in place: Place, after: Int?, limit: Int) async throws -> Page {
        let select = try await visibleRows(table, in: place)
        if let after { select.where(SQLColumn("id", table: "t"), .greaterThan, SQLBind(after)) }
        let rows = try await select.orderBy(SQLColumn("id", table: "t")).limit(limit + 1).all()
        let records = try rows.prefix(limit).map(table.record(from:))
        return Page(items: records, next: rows.count > limit ? records.last?["id"]?.int : nil)
    }

    public func read(_ table: ServiceTable, id: Int, in place: Place) async throws -> ServiceRecord {
        let select = try await visibleRows(table, in: place)
        guard let row = try await select.where(SQLColumn("id", table: "t"), .equal, SQLBind(id)).first() else {
            throw ServiceError.notFound(table: table.name, id: id)
        }
        return try table.record(from: row)
    }

    /// The rows of a table the viewer may read in a place, as a select on the alias `t`.
    func visibleRows(_ table: ServiceTable, in place: Place) async throws -> SQLSelectBuilder {
        let select = sql.select().columns(table.columns.map { SQLColumn($0.name, table: "t") })
            .from(SQLAlias(SQLIdentifier(table.name), as: SQLIdentifier("t")))
        switch place {
        case .establishment(let establishmentID, let yearID):
            select.where(SQLColumn("establishment_id", table: "t"), .equal, SQLBind(establishmentID))
            if let yearID, table.column("school_year_id")?.isRequired == true {
                select.where(SQLColumn("school_year_id", table: "t"), .equal, SQLBind(yearID))
            }
            if let predicate = try await viewer.readPredicate(table.read, table: table.name, establishmentID: establishmentID, on: db) {
                select.where(predicate)
            }
        case .parent(let parent, let parentID, let establishmentID):
            guard case .parent(let column, parent.name) = table.scope else { throw ServiceError.unknownTable(table.name) }
            select.where(SQLColumn(column, table: "t"), .equal, SQLBind(parentID))
            if let predicate = try await viewer.readPredicate(table.read, table: table.name, establishmentID: establishmentID, on: db) {
                select.where(predicate)
            }
        case .personal:
            guard case .account(let column) = table.scope else { throw ServiceError.unknownTable(table.name) }
            select.where(SQLColumn(column, table: "t"), .equal, SQLBind(viewer.accountID))
        }
        return select
    }

    /// Whether the viewer may add or delete rows of the table here at all — checked before
    /// anything else is read (an upload's body is not read for someone who may not write). A
    /// table with its own route (mail) is written only through it.
    public func checkWritable(_ table: ServiceTable, in place: Place) async throws {
        switch place {
        case .establishment(let id, _):
            try viewer.checkWrite(table.write, table: table.name, establishmentID: id)
        case .parent(let parent, let parentID, let id):
            try viewer.checkWrite(table.write, table: table.name, establishmentID: id)
            switch table.write {
            case .sectionContributors, .sectionManagers:
                try await viewer.checkSectionWrite(table.write, sectionID: try await sectionID(of: parent, id: parentID),
                                                   establishmentID: id, on: sql)
            default:
                break
            }
            if let column = parent.teacherColumn, !viewer.administers(id),
               try await self.parentID(of: parent, id: parentID, column: column) != viewer.accountID {
                throw ServiceError.forbidden("Seul l'enseignant de « \(parent.name) » ou un administrateur y écrit.")
            }
        case .personal:
            guard case .account = table.scope, case .owner = table.write else {
                throw ServiceError.dedicatedRoute(table: table.name, route: "/api/v1/establishments/{uai}/\(table.name)")
            }
        }
    }

    /// Inserts a row from the fields a client sent: checks the write rule, the fields, and that
    /// every reference points at something of the same establishment (or of the viewer).
    public func create(_ table: ServiceTable, in place: Place, fields: ServiceRecord, file: Int? = nil) async throws -> ServiceRecord {
        try await checkWritable(table, in: place)
        var values = ServiceRecord()
        let establishmentID: Int?
        switch place {
        case .establishment(let id, _):
            establishmentID = id
            values["establishment_id"] = .int(id)
            // Only the establishment's year is written to: a past one is read-only.
            if let year = table.column("school_year_id") {
                guard let yearID = try await viewer.year(of: id, on: db)?.id else { throw ServiceError.noCurrentYear }
                if year.isRequired || fields["school_year_id"] != nil { values["school_year_id"] = .int(yearID) }
            }
        case .parent(let parent, let parentID, let id):
            establishmentID = id
            guard case .parent(let column, parent.name) = table.scope else { throw ServiceError.unknownTable(table.name) }
            values[column] = .int(parentID)
            if table.column("school_year_id") != nil {
                guard let yearID = try await viewer.year(of: id, on: db)?.id else { throw ServiceError.noCurrentYear }
                values["school_year_id"] = .int(yearID)
            }
        case .personal:
            establishmentID = nil
            guard case .account(let column) = table.scope else { throw ServiceError.unknownTable(table.name) }
            values[column] = .int(viewer.accountID)
        }
        switch table.write {
        case .owner(let column): values[column] = .int(viewer.accountID)
        default: if let column = table.write.authorColumn { values[column] = .int(viewer.accountID) }
        }
        // A teacher's row is the writer's own unless an administrator writes it for someone.
        if let column = table.ownerColumn, values[column] == nil {
            if let named = fields[column]?.int, named != viewer.accountID,
               !(establishmentID.map(viewer.administers) ?? false) {
                throw ServiceError.forbidden("Vous ne saisissez que vos propres lignes de « \(table.name) ».")
            }
            if fields[column] == nil || fields[column] == .null { values[column] = .int(viewer.accountID) }
        }
        if let fileColumn = table.fileColumn {
            guard let file else { throw ServiceError.invalid(field: fileColumn.name, reason: "envoyez le fichier en corps de requête") }
            values[fileColumn.name] = .int(file)
        }
        for (name, value) in fields where values[name] == nil {
            guard let column = table.column(name), name != "id" else {
                throw ServiceError.invalid(field: name, reason: "champ inconnu ou fixé par le serveur")
            }
            try table.validate(value, for: column)
            if let reference = column.reference, let id = value.int {
                try await checkReference(reference.table, id: id, field: name, establishmentID: establishmentID)
                if table.teacherColumn != nil {
                    try await checkOwnTeacherRow(reference.table, id: id, field: name, establishmentID: establishmentID)
                }
            }
            values[name] = value
        }
        for column in table.columns.dropFirst() where values[column.name] == nil {
            if let text = column.defaultText {
                values[column.name] = .text(text)
                continue
            }
            guard !column.isRequired else { throw ServiceError.invalid(field: column.name, reason: "obligatoire") }
            values[column.name] = .null
        }
        if let establishmentID, !viewer.isPersonnel(of: establishmentID) {
            try await checkAboutOwnChild(values, in: place)
        }
        let names = table.columns.dropFirst().map(\.name)
        let id: Int
        do {
            id = try await sql.insert(into: table.name).columns(names).values(names.map { values[$0]!.bind })
                .returning("id").first(decodingColumn: "id", as: Int.self)!
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A second mark for the same pupil, say: the client's mistake, not the server's.
            throw ServiceError.conflict(table: table.name, keys: table.uniques.map { $0.joined(separator: ", ") })
        }
        values["id"] = .int(id)
        return values
    }

    /// Outside the personnel, what is written about a student — a row naming them, or a row
    /// inside one (a message of a carnet de liaison conversation) — is written by one of their
    /// parents: not by another family, nor by the student (the carnet is between the family
    /// and the establishment).
    private func checkAboutOwnChild(_ values: ServiceRecord, in place: Place) async throws {
        var student = values["student_id"]?.int
        if student == nil, case .parent(let parent, let id, _) = place, parent.column("student_id") != nil {
            student = try await sql.select().column("student_id").from(parent.name).where("id", .equal, id)
                .first(decodingColumn: "student_id", as: Int?.self) ?? nil
        }
        guard let student else { return }
        let children = try await DirectoryAccess(viewer: viewer, db: db).ownStudents().filter { $0 != viewer.accountID }
        guard children.contains(student) else {
            throw ServiceError.forbidden("Seuls les parents de l'élève et les personnels de l'établissement écrivent à son sujet.")
        }
    }

    /// A teacher's row that points into another teacher's row (homework given in a logbook
    /// session) is written by that teacher or an administrator only: a colleague's session
    /// stays theirs. (A roll-call sheet's absences, entered by the school life office, are not
    /// a teacher's rows.)
    private func checkOwnTeacherRow(_ target: String, id: Int, field: String, establishmentID: Int?) async throws {
        guard let table = ServiceSchema.byName[target], let column = table.teacherColumn,
              !(establishmentID.map(viewer.administers) ?? viewer.isOperator) else { return }
        let teacher = try await sql.select().column(column).from(table.name).where("id", .equal, id)
            .first(decodingColumn: column, as: Int?.self) ?? nil
        guard teacher == viewer.accountID else {
            throw ServiceError.forbidden("« \(field) » désigne une ligne d'un autre enseignant\u{A0}: seul cet enseignant ou un administrateur y écrit.")
        }
    }

    /// Deletes a row the viewer may write; an author deletes only their own rows unless they
    /// administer the establishment. Files no row refers to any more leave the disk.
    public func delete(_ table: ServiceTable, id: Int, in place: Place, files: FileStore) async throws {
        let record = try await read(table, id: id, in: place)
        try await checkWritable(table, in: place)
        switch place {
        case .establishment(let establishmentID, _), .parent(_, _, let establishmentID):
            try await checkYearOpen(record, in: establishmentID)
            if let column = table.ownerColumn, !viewer.administers(establishmentID),
               record[column]?.int != viewer.accountID {
                throw ServiceError.forbidden("Seul son auteur ou un administrateur supprime cette ligne.")
            }
        case .personal:
            try await checkYearOpen(record, in: nil)
        }
        try await sql.delete(from: table.name).where("id", .equal, id).run()
        try await files.collectGarbage(on: sql)
    }
}
