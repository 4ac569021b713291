extension ServiceSchema {
    /// Sections (rubriques): a tree per establishment. `kind` says what a section is for
    /// (`SectionKind`); `is_temporary` is the "Rubrique temporaire" box of a standard section.
    /// A section in the recycle bin has `binned_on` and remembers where it came from; once the
    /// bin is emptied it has `purged_on` (hidden, deleted for good by the purge). An archive
    /// section made by the year change names its rule (`archive_rule`).
    static let sections: [ServiceTable] = [
        ServiceTable("sections", .sections, read: .sectionAudience, write: .administrators, columns: [
            .establishment, .ref("school_year_id", "school_years", required: false, onDelete: .cascade),
            .ref("parent_id", "sections", required: false, onDelete: .cascade),
            .choice("kind", SectionKind.allCases.map(\.rawValue)),
            .bool("is_temporary"), .ref("class_id", "classes", required: false), .text("title"),
            .text("created_on"), .text("binned_on", required: false),
            .ref("restore_parent_id", "sections", required: false), .text("purged_on", required: false),
            .choice("archive_rule", YearChangeRules.archiveRuleIDs.map(\.rawValue), required: false),
        ], indexes: [["establishment_id", "kind"], ["parent_id"], ["class_id"], ["restore_parent_id"]]),
        ServiceTable("section_roles", .sections, scope: .parent(column: "section_id", table: "sections"),
                     read: .members, write: .sectionManagers, columns: [
            .ref("section_id", "sections"), .ref("account_id", "accounts", required: false, onDelete: .cascade),
            .ref("group_id", "groups", required: false, onDelete: .cascade),
            .choice("role", SectionRole.allCases.map(\.rawValue)),
        ], indexes: [["section_id"], ["account_id"], ["group_id"]]),
        ServiceTable("publications", .sections, scope: .parent(column: "section_id", table: "sections"),
                     read: .members, write: .sectionContributors(author: "author_id"), columns: [
            .ref("section_id", "sections"), .ref("author_id", "accounts", required: false), .text("title"),
            .text("body"), .text("published_on"), .bool("on_home_page"), .bool("on_public_site"),
        ], indexes: [["section_id"], ["author_id"]]),
        ServiceTable("shared_folders", .sections, scope: .parent(column: "section_id", table: "sections"),
                     read: .members, write: .sectionContributors(author: nil), columns: [
            .ref("section_id", "sections"), .text("name"),
        ], indexes: [["section_id"]]),
        ServiceTable("shared_documents", .sections, scope: .parent(column: "folder_id", table: "shared_folders"),
                     read: .members, write: .sectionContributors(author: "added_by"), columns: [
            .ref("folder_id", "shared_folders"), .file, .text("name"),
            .ref("added_by", "accounts", required: false), .text("added_on"),
        ], indexes: [["folder_id"], ["file_id"], ["added_by"]]),
    ]
}

/// What a section is for. The system sections exist once per establishment; a class section
/// and a class space exist once per class and year.
public enum SectionKind: String, Sendable, CaseIterable {
    case standard
    case classSection = "class"
    case classSpace = "class_space"
    case classes
    case archives
    case recycleBin = "recycle_bin"
    /// "Année précédente", "Archives des registres d'appel", …: archive sub-sections.
    case archive
}

public enum SectionRole: String, Sendable, CaseIterable {
    case manager, contributor, reader
}
