import BasculeDomain
import SQLKit

/// Writes one import inside its transaction, comparing with what is there so that an unchanged
/// entry is not rewritten (and a re-import of the same file leaves the checksum as it was).
struct TimetableWriter {
    let sql: any SQLDatabase
    let place: TimetablePlace
    let request: TimetableImporter.Request
    var export: TimetableExport { request.export }

    func write() async throws -> TimetableImportReport {
        let mode = try await settleMode()
        var report = TimetableImportReport(fileName: request.fileName, source: export.source, uai: export.uai, mode: mode,
                                           isDryRun: request.isDryRun, startsOn: export.calendar.startsOn,
                                           endsOn: export.calendar.endsOn)
        let directory = try await TimetableDirectory.load(establishmentID: place.establishmentID, yearID: place.yearID, on: sql)
        var resolution = TimetableResolution(export: export, directory: directory, mode: mode, report: report)
        try await writeCalendar()
        let subjects = try await writeSubjects(resolution: &resolution)
        let rooms = try await writeRooms(report: &resolution.report)
        let groups = try await writeGroups(resolution: &resolution)
        try await rememberIDs(resolution)
        if mode.importsMemberships {
            try await writeMemberships(resolution: &resolution, groups: groups)
        }
        try await writeCourses(resolution: &resolution, subjects: subjects, rooms: rooms, groups: groups)
        report = resolution.report
        report.notes += notes(mode: mode)
        return report
    }

    private func notes(mode: TimetableMode) -> [String] {
        var notes = export.notes
        if !export.hasStudentMemberships {
            notes.append("Ce fichier ne contient aucun élève\u{00A0}: les groupes sont créés sans membres et les élèves "
                         + "ne voient leurs cours que par leur classe ou par les groupes de l'annuaire.")
        }
        if !mode.importsMemberships, export.hasStudentMemberships {
            notes.append("\(mode.label)\u{00A0}: les dates d'entrée et de sortie du fichier ne sont pas importées, "
                         + "les élèves restent dans leurs classes et leurs groupes jusqu'à la purge.")
        }
        return notes
    }

    /// The mode the request sets, or the one in force (1 when none was ever set).
    private func settleMode() async throws -> TimetableMode {
        let current = try await sql.raw("""
            SELECT mode FROM timetable_settings
            WHERE establishment_id = \(bind: place.establishmentID) AND school_year_id = \(bind: place.yearID)
            """).first(decodingColumn: "mode", as: String.self).flatMap(TimetableMode.init(rawValue:))
        let mode = request.mode ?? current ?? .feed
        if current != mode {
            try await TimetableModeChange(sql: sql, establishmentID: place.establishmentID, yearID: place.yearID)
                .apply(mode)
        }
        return mode
    }

    private func writeCalendar() async throws {
        let calendar = export.calendar
        let values: [String: SQLBind] = [
            "starts_on": SQLBind(calendar.startsOn.iso), "ends_on": SQLBind(calendar.endsOn.iso),
            "first_week_monday": SQLBind(calendar.firstWeekMonday.iso), "software": SQLBind(export.source.software.rawValue),
            "product": SQLBind(export.source.product), "format_version": SQLBind(export.source.version),
        ]
        struct Row: Decodable, Equatable {
            let starts_on: String, ends_on: String, first_week_monday: String, software: String
            let product: String?, format_version: String?
        }
        let wanted = Row(starts_on: calendar.startsOn.iso, ends_on: calendar.endsOn.iso,
                         first_week_monday: calendar.firstWeekMonday.iso, software: export.source.software.rawValue,
                         product: export.source.product, format_version: export.source.version)
        let existing = try await sql.raw("""
            SELECT starts_on, ends_on, first_week_monday, software, product, format_version FROM timetable_calendars
            WHERE \(placeFilter)
            """).first(decoding: Row.self)
        if existing == nil {
            let columns = ["establishment_id", "school_year_id"] + values.keys.sorted()
            try await sql.insert(into: "timetable_calendars").columns(columns)
                .values([SQLBind(place.establishmentID), SQLBind(place.yearID)] + values.keys.sorted().map { values[$0]! }).run()
        } else if existing != wanted {
            var update = sql.update("timetable_calendars")
            for (column, value) in values { update = update.set(SQLIdentifier(column), to: value) }
            try await update.where(SQLRaw("establishment_id = \(place.establishmentID) AND school_year_id = \(place.yearID)")).run()
        }
        try await replaceIfChanged("timetable_holidays", columns: ["starts_on", "ends_on", "label"],
                                   rows: calendar.holidays.map { [.text($0.startsOn.iso), .text($0.endsOn.iso), .text($0.label)] })
        try await replaceIfChanged("timetable_slots", columns: ["number", "starts_at", "ends_at"],
                                   rows: export.slots.map { [.int(Int64($0.number)), .text($0.startsAt.description),
                                                             .text($0.endsAt.description)] })
    }

    var placeFilter: SQLQueryString {
        "establishment_id = \(bind: place.establishmentID) AND school_year_id = \(bind: place.yearID)"
    }

    /// Replaces a small table of the year (holidays, slots: text columns and the slot's `number`)
    /// only when its rows differ.
    private func replaceIfChanged(_ table: String, columns: [String], rows: [[ColumnValue]]) async throws {
        let existing = try await sql.raw("""
            SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM \(ident: table) WHERE \(placeFilter) ORDER BY id
            """).all().map { row in
                try columns.map { column -> ColumnValue in
                    column == "number" ? .int(try row.decode(column: column, as: Int64.self))
                        : .text(try row.decode(column: column, as: String.self))
                }
            }
        guard existing != rows else { return }
        try await sql.raw("DELETE FROM \(ident: table) WHERE \(placeFilter)").run()
        try await BulkInserter(sql).insert(into: table, columns: ["establishment_id", "school_year_id"] + columns,
                                           rows: rows.map { [.int(Int64(place.establishmentID)), .int(Int64(place.yearID))] + $0 })
    }
}
