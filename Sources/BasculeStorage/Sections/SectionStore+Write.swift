import BasculeDomain
import FluentKit
import SQLKit

/// What the pages change in sections, through `ServiceStore` and its rules: sections and their
/// settings are the administrators', roles the managers', publications and documents the
/// contributors'.
extension SectionStore {
    /// A standard section, at the root or under another section of the establishment.
    public func create(title: String, parentID: Int?, isTemporary: Bool, in establishmentID: Int, today: CalendarDate) async throws -> Int {
        let title = try ServiceStore.required(title, field: "title")
        if let parentID { _ = try await writable(parentID, in: establishmentID) }
        let created = try await ServiceStore(viewer: viewer, db: db).create(Self.sections, in: .establishment(id: establishmentID, yearID: nil), fields: [
            "parent_id": parentID.map(ServiceCell.int) ?? .null, "kind": .text(SectionKind.standard.rawValue),
            "is_temporary": .bool(isTemporary), "title": .text(title), "created_on": .text(today.iso),
        ])
        return created["id"]?.int ?? 0
    }

    /// The settings page: the title and « Rubrique temporaire » (only a standard section is
    /// temporary or not: the others are the system's and the classes').
    public func updateSettings(id: Int, title: String, isTemporary: Bool, in establishmentID: Int) async throws {
        let title = try ServiceStore.required(title, field: "title")
        let current = try await writable(id, in: establishmentID).summary
        var fields: ServiceRecord = ["title": .text(title)]
        if current.sectionKind == .standard { fields["is_temporary"] = .bool(isTemporary) }
        _ = try await ServiceStore(viewer: viewer, db: db).update(Self.sections, id: id, in: .establishment(id: establishmentID, yearID: nil),
                                                                  fields: fields, editable: ["title", "is_temporary"])
    }

    public func publish(in sectionID: Int, establishmentID: Int, title: String, body: String, onHomePage: Bool, onPublicSite: Bool,
                        today: CalendarDate) async throws -> Int {
        let title = try ServiceStore.required(title, field: "title")
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid(field: "body", reason: "écrivez le texte de la publication")
        }
        let section = try await writable(sectionID, in: establishmentID)
        guard section.canManage || !(onHomePage || onPublicSite) else {
            throw ServiceError.forbidden("Seuls les gestionnaires de la rubrique et les administrateurs diffusent sur la page d'accueil ou le site public.")
        }
        let created = try await ServiceStore(viewer: viewer, db: db).create(
            Self.publications, in: .parent(table: Self.sections, id: sectionID, establishmentID: establishmentID),
            fields: ["title": .text(title), "body": .text(body), "published_on": .text(today.iso),
                     "on_home_page": .bool(onHomePage), "on_public_site": .bool(onPublicSite)])
        return created["id"]?.int ?? 0
    }

    public func deletePublication(_ id: Int, in sectionID: Int, establishmentID: Int, files: FileStore) async throws {
        _ = try await writable(sectionID, in: establishmentID)
        try await ServiceStore(viewer: viewer, db: db).delete(
            Self.publications, id: id, in: .parent(table: Self.sections, id: sectionID, establishmentID: establishmentID), files: files)
    }

    /// Gives a role to the account with this login, who must have a profile in the establishment.
    public func addRole(_ role: SectionRole, login: String, in sectionID: Int, establishmentID: Int) async throws {
        _ = try await writable(sectionID, in: establishmentID)
        guard let account = try await sql.raw("""
            SELECT DISTINCT a.id FROM accounts a JOIN profiles p ON p.account_id = a.id
            WHERE a.login = \(bind: login) AND p.establishment_id = \(bind: establishmentID)
            """).first(decodingColumn: "id", as: Int.self) else {
            throw ServiceError.invalid(field: "login", reason: "aucun membre de l'établissement n'a cet identifiant")
        }
        _ = try await ServiceStore(viewer: viewer, db: db).create(
            Self.roles, in: .parent(table: Self.sections, id: sectionID, establishmentID: establishmentID),
            fields: ["account_id": .int(account), "role": .text(role.rawValue)])
    }

    public func removeRole(_ id: Int, in sectionID: Int, establishmentID: Int, files: FileStore) async throws {
        _ = try await writable(sectionID, in: establishmentID)
        try await ServiceStore(viewer: viewer, db: db).delete(
            Self.roles, id: id, in: .parent(table: Self.sections, id: sectionID, establishmentID: establishmentID), files: files)
    }

    public func createFolder(named name: String, in sectionID: Int, establishmentID: Int) async throws {
        let name = try ServiceStore.required(name, field: "name")
        _ = try await writable(sectionID, in: establishmentID)
        _ = try await ServiceStore(viewer: viewer, db: db).create(
            Self.folders, in: .parent(table: Self.sections, id: sectionID, establishmentID: establishmentID), fields: ["name": .text(name)])
    }

    /// A section the viewer may read and that is not read-only.
    func writable(_ id: Int, in establishmentID: Int) async throws -> SectionDetail {
        let detail = try await section(id: id, in: establishmentID)
        guard !detail.isArchived else { throw ServiceError.forbidden("Cette rubrique est archivée\u{A0}: elle se consulte, elle ne se modifie plus.") }
        return detail
    }
}
