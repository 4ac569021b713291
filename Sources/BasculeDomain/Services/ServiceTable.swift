/// The tables of the ENT's services, as data: their columns, constraints and who may read or
/// write their rows. One description feeds the migration, the checksum, the bulk loader, the
/// generic JSON API and the generator's column order, so that a table cannot drift between them.
public struct ServiceTable: Sendable {
    public let name: String
    public let service: Service
    public let scope: Scope
    public let read: ReadRule
    public let write: WriteRule
    public let columns: [ColumnSpec]
    public let uniques: [[String]]
    public let indexes: [[String]]

    public init(_ name: String, _ service: Service, scope: Scope = .establishment, read: ReadRule, write: WriteRule,
                columns: [ColumnSpec], uniques: [[String]] = [], indexes: [[String]] = []) {
        self.name = name
        self.service = service
        self.scope = scope
        self.read = read
        self.write = write
        self.columns = [.id] + columns
        self.uniques = uniques
        self.indexes = indexes
    }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }

    /// Whether rows belong to one school year (and are archived, purged or kept with it).
    public var isYearBound: Bool { column("school_year_id") != nil }

    /// The column naming who wrote a row, who alone (with the administrators and heads)
    /// deletes it: an author's column, or the teacher of a personnel's row.
    public var ownerColumn: String? { write.authorColumn ?? teacherColumn }

    /// The teacher a personnel's row (an assessment, a logbook session) belongs to: a colleague
    /// neither deletes it nor writes the rows inside it (an assessment's marks).
    public var teacherColumn: String? { write == .personnel && column("teacher_id") != nil ? "teacher_id" : nil }

    /// The column holding a stored file, if rows carry one.
    public var fileColumn: ColumnSpec? { columns.first { $0.reference?.table == "files" } }
}

public enum Service: String, Sendable, CaseIterable {
    case files, sections, logbook, mail, schoolLife = "school_life", assessment
    case targetedMessages = "targeted_messages", personal, administration
    case studentRecords = "student_records", liaisonBook = "liaison_book", moodle, mediacentre, timetable

    /// Its name in the French of the pages, for the refusals a reader sees.
    public var label: String {
        switch self {
        case .files: "Fichiers"
        case .sections: "Rubriques"
        case .logbook: "Cahier de textes"
        case .mail: "Messagerie"
        case .schoolLife: "Vie scolaire"
        case .assessment: "Évaluations"
        case .targetedMessages: "Communications ciblées"
        case .personal: "Services personnels"
        case .administration: "Administration des services"
        case .studentRecords: "Dossiers des élèves"
        case .liaisonBook: "Carnet de liaison"
        case .moodle: "Moodle"
        case .mediacentre: "Médiacentre"
        case .timetable: "Emploi du temps"
        }
    }
}

/// Where a row belongs, which decides the URL it is reached by and what its references may point at.
public enum Scope: Sendable, Equatable {
    /// An `establishment_id` column: `/api/v1/establishments/{uai}/{table}`.
    case establishment
    /// A person's own data (`/api/v1/me/{table}`), owned through this column.
    case account(String)
    /// Rows inside a parent row (marks of an assessment, publications of a section):
    /// `/api/v1/establishments/{uai}/{parent table}/{id}/{table}`.
    case parent(column: String, table: String)
    /// Stored file contents, shared by every row that refers to the same bytes; reached only
    /// through those rows.
    case content
}

/// Who may read a row, besides the operator.
public enum ReadRule: Sendable, Equatable {
    /// Anyone with a profile in the establishment.
    case members
    /// Teachers, staff, ENT administrators and heads of the establishment.
    case personnel
    /// ENT administrators and heads of the establishment.
    case administrators
    /// Personnel, and the student this column names, and that student's parents.
    case student(String)
    /// Personnel, and the members of the row's class or group (and their parents).
    case classAudience
    /// The account this column names, only.
    case owner(String)
    /// Whom a section (rubrique) is open to: the administrators; everyone when it gives no
    /// roles and belongs to no class; for a class section, the personnel and the class's
    /// students and parents; whoever holds a role in it, in person or through a group.
    case sectionAudience
}

/// Who may create and delete rows, besides the operator.
public enum WriteRule: Sendable, Equatable {
    case administrators
    case personnel
    /// Any member of the establishment; this column is set to the writer.
    case author(String)
    /// The account itself (personal services); this column is set to the writer.
    case owner(String)
    /// Not through the generic API: the service has its own route (mail) or none (files).
    case dedicated
    /// Inside a section: its contributors and managers (in person or through a group) and
    /// the administrators — the personnel too when the section gives no roles. `author`, when
    /// set, is set to the writer, who alone (with the administrators) deletes the row.
    case sectionContributors(author: String?)
    /// Inside a section: its managers and the administrators.
    case sectionManagers

    /// The column set to the writer, who alone (with the administrators) deletes the row.
    public var authorColumn: String? {
        switch self {
        case .author(let column), .sectionContributors(author: let column?): column
        default: nil
        }
    }
}

public enum ColumnKind: Sendable, Equatable { case int, text, bool }

public struct ColumnSpec: Sendable {
    public enum OnDelete: Sendable { case cascade, setNull, restrict }

    public struct Reference: Sendable {
        public let table: String
        public let onDelete: OnDelete
    }

    public let name: String
    public let kind: ColumnKind
    public let isRequired: Bool
    public let reference: Reference?
    /// The values a text column may take, when it is an enumeration.
    public var choices: [String]? = nil
    /// What a required column holds when a writer leaves it out (a column added later, which
    /// clients written before it do not send).
    public var defaultText: String? = nil

    public static let id = ColumnSpec(name: "id", kind: .int, isRequired: true, reference: nil)
    public static let establishment = ref("establishment_id", "establishments")
    public static let year = ref("school_year_id", "school_years")

    public static func text(_ name: String, required: Bool = true) -> ColumnSpec {
        ColumnSpec(name: name, kind: .text, isRequired: required, reference: nil)
    }

    public static func choice(_ name: String, _ values: [String], required: Bool = true, default: String? = nil) -> ColumnSpec {
        ColumnSpec(name: name, kind: .text, isRequired: required, reference: nil, choices: values, defaultText: `default`)
    }

    public static func int(_ name: String, required: Bool = true) -> ColumnSpec {
        ColumnSpec(name: name, kind: .int, isRequired: required, reference: nil)
    }

    public static func bool(_ name: String) -> ColumnSpec {
        ColumnSpec(name: name, kind: .bool, isRequired: true, reference: nil)
    }

    /// A reference; an optional one is set to null when its row goes, a required one goes with it.
    public static func ref(_ name: String, _ table: String, required: Bool = true,
                           onDelete: OnDelete? = nil) -> ColumnSpec {
        ColumnSpec(name: name, kind: .int, isRequired: required,
                   reference: Reference(table: table, onDelete: onDelete ?? (required ? .cascade : .setNull)))
    }

    /// A stored file: the file cannot go while a row refers to it.
    public static let file = ref("file_id", "files", onDelete: .restrict)
}
