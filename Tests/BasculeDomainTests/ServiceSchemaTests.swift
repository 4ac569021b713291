import BasculeGenerator
import Testing
@testable import BasculeDomain

@Suite("Service tables: a consistent description, and generated rows that fit it")
struct ServiceSchemaTests {
    static let directoryTables: Set<String> = ["school_years", "establishments", "subjects", "mefs", "accounts", "profiles",
                                               "classes", "groups"]

    @Test("Every reference, scope and access rule names a table or column that exists, created before")
    func descriptionIsConsistent() {
        var created = Self.directoryTables
        for table in ServiceSchema.all {
            // Self-references (a section's parent) are fine: the table exists when the row is written.
            created.insert(table.name)
            #expect(Set(table.columnNames).count == table.columns.count, "\(table.name): a column twice")
            for column in table.columns {
                if let reference = column.reference {
                    #expect(created.contains(reference.table), "\(table.name).\(column.name) → \(reference.table)")
                }
            }
            for columns in table.uniques + table.indexes {
                for name in columns { #expect(table.column(name) != nil, "\(table.name): index on \(name)") }
            }
            switch table.scope {
            case .establishment: #expect(table.column("establishment_id") != nil, "\(table.name)")
            case .account(let column): #expect(table.column(column)?.reference?.table == "accounts", "\(table.name)")
            case .parent(let column, let parent): #expect(table.column(column)?.reference?.table == parent, "\(table.name)")
            case .content: #expect(table.name == "files")
            }
            switch table.read {
            case .student(let column), .owner(let column):
                #expect(table.column(column)?.reference?.table == "accounts", "\(table.name).\(column)")
            case .classAudience:
                #expect(table.column("class_id") != nil && table.column("group_id") != nil, "\(table.name)")
            default: break
            }
            if case .author(let column) = table.write { #expect(table.column(column)?.reference?.table == "accounts") }
        }
    }

    @Test("Year-bound records of the guide carry their school year; what the guide keeps does not")
    func yearScoping() {
        let yearBound = ["logbook_sessions", "homework", "roll_call_sheets", "absences", "absence_files", "punishments",
                         "sanctions", "assessments", "skill_records", "report_cards", "cycle_reviews", "epi_projects",
                         "class_council_summaries", "student_photos", "liaison_conversations", "mail_messages",
                         "mail_deliveries", "gar_assignments"]
        let kept = ["absence_reasons", "absence_actions", "roll_call_settings", "punishment_reasons", "punishment_types",
                    "sanction_reasons", "non_assessment_reasons", "subject_groups", "report_card_settings",
                    "targeted_messages", "preferences", "box_documents", "calendar_events", "favourites", "forms",
                    "service_roles", "moodle_categories", "gar_resources"]
        for name in yearBound { #expect(ServiceSchema.byName[name]?.column("school_year_id")?.isRequired == true, "\(name)") }
        for name in kept { #expect(ServiceSchema.byName[name]?.isYearBound == false, "\(name)") }
    }

    @Test("Generated rows have the columns of their table, of the right kinds; the same seed gives the same rows")
    func generatedRowsFitTheSchema() {
        // setup
        func generate(seed: UInt64) -> [String: [[ColumnValue]]] {
            var directory = AcademyGenerator(preset: .small, seed: seed, yearName: SchoolYearName(startYear: 2025))
            var activity = ActivityGenerator(seed: seed, year: directory.year, subjects: directory.subjects)
            var all = activity.fileRows.tables
            while let batch = directory.nextEstablishment() {
                for (table, rows) in activity.activity(for: batch).tables { all[table, default: []] += rows }
            }
            return all
        }
        // act
        let rows = generate(seed: 1)
        // check
        for table in ServiceSchema.all {
            let tableRows = rows[table.name] ?? []
            #expect(!tableRows.isEmpty, "\(table.name) has no rows")
            for row in tableRows.prefix(500) {
                #expect(row.count == table.columns.count, "\(table.name)")
                for (value, column) in zip(row, table.columns) {
                    switch (value, column.kind) {
                    case (.null, _): #expect(!column.isRequired, "\(table.name).\(column.name) is required")
                    case (.int, .int), (.text, .text), (.bool, .bool): break
                    default: Issue.record("\(table.name).\(column.name): \(value) is not \(column.kind)")
                    }
                    if case .text(let text) = value, let choices = column.choices { #expect(choices.contains(text)) }
                }
            }
            let ids = tableRows.map { $0[0] }
            #expect(Set(ids.map { "\($0)" }).count == ids.count, "\(table.name): ids repeat")
        }
        #expect(generate(seed: 1)["marks"] == rows["marks"])
        #expect(generate(seed: 2)["marks"] != rows["marks"])
    }

    @Test("The recycle bin holds last summer's class spaces and a section binned during the year, with their date")
    func recycleBinHasContent() {
        // setup
        var directory = AcademyGenerator(preset: .small, seed: 1, yearName: SchoolYearName(startYear: 2025))
        var activity = ActivityGenerator(seed: 1, year: directory.year, subjects: directory.subjects)
        let sections = activity.activity(for: directory.nextEstablishment()!).tables["sections"]!
        let columns = ServiceSchema.byName["sections"]!.columnNames
        func value(_ row: [ColumnValue], _ name: String) -> ColumnValue { row[columns.firstIndex(of: name)!] }
        // act
        let bin = sections.first { value($0, "kind") == .text(SectionKind.recycleBin.rawValue) }!
        let binned = sections.filter { value($0, "parent_id") == bin[0] }
        // check
        #expect(binned.count >= 2)
        #expect(binned.allSatisfy { value($0, "binned_on") != .null })
        #expect(Set(binned.map { "\(value($0, "kind"))" }) == ["\(ColumnValue.text("class_space"))", "\(ColumnValue.text("standard"))"])
        #expect(sections.contains { value($0, "is_temporary") == .bool(true) })
    }
}
