/// Every service table, parents before children (the order they are created and loaded in).
public enum ServiceSchema {
    public static let all: [ServiceTable] = files + sections + logbook + mail + schoolLife + assessment
        + targetedMessages + personal + administration + studentRecords + liaisonBook + moodle + mediacentre + timetable

    public static let byName: [String: ServiceTable] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Tables whose rows live inside a row of `parent`.
    public static func children(of parent: String) -> [ServiceTable] {
        all.filter { if case .parent(_, parent) = $0.scope { true } else { false } }
    }

    /// Files are written by the upload routes only, and shared by content.
    static let files: [ServiceTable] = [
        ServiceTable("files", .files, scope: .content, read: .administrators, write: .dedicated, columns: [
            .text("sha256"), .int("byte_count"), .text("media_type"),
        ], uniques: [["sha256"]]),
    ]

    static let administration: [ServiceTable] = [
        // "Les droits et les rôles sont conservés sur les services": kept across years.
        ServiceTable("service_roles", .administration, read: .administrators, write: .administrators, columns: [
            .establishment, .text("service"), .ref("account_id", "accounts", required: false, onDelete: .cascade),
            .choice("profile_kind", ProfileKind.allCases.map(\.rawValue), required: false), .text("role"),
        ], indexes: [["establishment_id"]]),
    ]

    static let studentRecords: [ServiceTable] = [
        ServiceTable("student_photos", .studentRecords, read: .student("student_id"), write: .personnel, columns: [
            .establishment, .year, .ref("student_id", "accounts"), .file, .text("uploaded_on"),
        ], indexes: [["establishment_id", "school_year_id"], ["student_id"], ["file_id"]]),
    ]
}
