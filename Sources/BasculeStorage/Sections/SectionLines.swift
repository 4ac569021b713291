import BasculeDomain

/// A section in the tree.
public struct SectionSummary: Sendable, Decodable, Equatable {
    public let id: Int
    public let parent_id: Int?
    public let title: String
    public let kind: String
    public let is_temporary: Bool

    public var sectionKind: SectionKind? { SectionKind(rawValue: kind) }
}

/// A section's page: its publications, shared folders with their documents, its roles (for
/// those who manage it), and what the viewer may do there.
public struct SectionDetail: Sendable {
    public let summary: SectionSummary
    public let publications: [PublicationLine]
    public let folders: [SharedFolder]
    public let roles: [SectionRoleLine]
    /// A manager of the section or an administrator: roles, and (administrators) settings.
    public let canManage: Bool
    /// May publish and add documents.
    public let canContribute: Bool
    /// Sections themselves (creation, settings) are the administrators'.
    public let administers: Bool
    /// In the archives or the recycle bin, or of a year that has ended: read-only.
    public let isArchived: Bool
}

public struct PublicationLine: Sendable, Decodable, Equatable {
    public let id: Int
    public let title: String
    public let body: String
    public let published_on: String
    public let on_home_page: Bool
    public let on_public_site: Bool
    public let author_id: Int?
    public let author_first_name: String?
    public let author_last_name: String?

    public var authorName: String? { PersonName.display(first: author_first_name, last: author_last_name) }
}

public struct SharedFolder: Sendable {
    public let id: Int
    public let name: String
    public let documents: [ServiceRecord]
}

public struct SectionRoleLine: Sendable, Decodable, Equatable {
    public let id: Int
    public let role: String
    public let first_name: String?
    public let last_name: String?
    public let login: String?
    public let group_name: String?

    public var holder: String {
        if let group_name { return "Groupe \(group_name)" }
        return (PersonName.display(first: first_name, last: last_name) ?? "") + (login.map { " (\($0))" } ?? "")
    }
}
