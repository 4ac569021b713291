import BasculeFormats

// The vocabulary of the staging area. The stager writes it and every step reads it through
// these enums, so that writer and readers cannot disagree on a spelling.

/// What a row of `feed_staged_records` is (its `kind`), and a line of the report.
enum FeedStagedKind: String, CaseIterable {
    case establishment, subject, mef, student, parent, personnel
    /// A person a delta deletes: staged apart, so that no step takes it for a person of the export.
    case deleted

    /// The people of the export.
    static let people: [FeedStagedKind] = [.student, .parent, .personnel]
    /// The people an `attached` link ties to an establishment; responsible adults belong
    /// through their children.
    static let attachedPeople: [FeedStagedKind] = [.student, .personnel]

    init(_ kind: AAFKind) {
        switch kind {
        case .establishment: self = .establishment
        case .subject: self = .subject
        case .mef: self = .mef
        case .student: self = .student
        case .parent: self = .parent
        case .personnel: self = .personnel
        }
    }

    /// The kind of an export's file, from its name; a name of no known kind counts as personnel.
    init(file name: String) {
        self = AAFKind.allCases.first(where: { name.contains("_\($0.rawValue)_") }).map(Self.init) ?? .personnel
    }
}

/// What a staged record asks for (`feed_staged_records.operation`).
enum FeedStagedOperation: String {
    case add, modify, delete

    init(_ operation: AAFRecord.Operation) {
        switch operation {
        case .add: self = .add
        case .modify: self = .modify
        case .delete: self = .delete
        }
    }
}
