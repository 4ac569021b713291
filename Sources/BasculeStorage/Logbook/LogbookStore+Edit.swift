import BasculeDomain
import FluentKit
import SQLKit

/// What a teacher changes in a session they wrote (its content, its homework), and what a
/// student or parent has to do. Every write goes through `ServiceStore`, so the service
/// tables' rules decide: the teacher of the row or an administrator, in a year still open.
extension LogbookStore {
    static let homeworkTable = ServiceSchema.byName["homework"]!

    /// The homework still to do (due today or later) of a student — the viewer, or one of a
    /// parent's children — or, for the personnel, none: their logbook is by class.
    public func homeworkToDo(in establishmentID: Int, of studentID: Int, from today: CalendarDate, limit: Int = 200) async throws -> [LogbookHomework] {
        guard try await DirectoryAccess(viewer: viewer, db: db).ownStudents().contains(studentID) else {
            throw ServiceError.forbidden("Vous ne voyez que votre travail à faire ou celui de vos enfants.")
        }
        let visible = try await ServiceStore(viewer: viewer, db: db)
            .visibleRows(Self.homeworkTable, in: .establishment(id: establishmentID, yearID: nil))
        visible.where("""
            (t.class_id IN (SELECT class_id FROM class_memberships WHERE account_id = \(bind: studentID)) \
            OR t.group_id IN (SELECT group_id FROM group_memberships WHERE account_id = \(bind: studentID)))
            """ as SQLQueryString)
        return try await homeworkLines(from: visible, where: "WHERE v.due_on >= \(bind: today.iso)", limit: limit)
    }

    public func edit(sessionID: Int, in establishmentID: Int, content: String) async throws {
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid(field: "content", reason: "écrivez le contenu de la séance")
        }
        _ = try await ServiceStore(viewer: viewer, db: db)
            .update(Self.table, id: sessionID, in: .establishment(id: establishmentID, yearID: nil), fields: ["content": .text(content)],
                    editable: ["content"])
    }

    /// Deletes a session and the homework given in it: the session's rules (its teacher or an
    /// administrator, its year open) decide for both, as homework is given only in one's own
    /// sessions (`ServiceStore.create`).
    public func delete(sessionID: Int, in establishmentID: Int, files: FileStore) async throws {
        try await db.transaction { tx in
            let store = ServiceStore(viewer: viewer, db: tx)
            let place = ServiceStore.Place.establishment(id: establishmentID, yearID: nil)
            _ = try await store.read(Self.table, id: sessionID, in: place)
            try await tx.sql.raw("DELETE FROM homework WHERE session_id = \(bind: sessionID)").run()
            try await store.delete(Self.table, id: sessionID, in: place, files: files)
        }
    }

    /// Gives homework in a session: for its class or group and subject, given on its date.
    public func addHomework(sessionID: Int, in establishmentID: Int, due: CalendarDate, content: String) async throws -> Int {
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid(field: "content", reason: "écrivez le travail à faire")
        }
        let place = ServiceStore.Place.establishment(id: establishmentID, yearID: nil)
        let store = ServiceStore(viewer: viewer, db: db)
        let session = try await store.read(Self.table, id: sessionID, in: place)
        try await store.checkYearOpen(session, in: establishmentID)
        if !viewer.administers(establishmentID), session["teacher_id"]?.int != viewer.accountID {
            throw ServiceError.forbidden("Seul l'enseignant de la séance donne du travail à faire dans celle-ci.")
        }
        guard case .text(let held) = session["held_on"], let given = try? CalendarDate(iso: held) else {
            throw ServiceError.invalid(field: "held_on", reason: "la séance n'a pas de date")
        }
        guard due >= given else {
            throw ServiceError.invalid(field: "due_on", reason: "le travail est à rendre le jour de la séance ou après")
        }
        try TimetableCalendar.checkBrowsable(due, field: "due_on")
        // The year's logbook is archived at the change: work due after it would never be read.
        if let year = viewer.year(in: establishmentID), due > year.name.defaultEnd {
            throw ServiceError.invalid(field: "due_on", reason: "le travail est à rendre avant la fin de l'année scolaire \(year.name), le \(year.name.defaultEnd.french)")
        }
        var fields: ServiceRecord = ["session_id": .int(sessionID), "given_on": .text(held), "due_on": .text(due.iso),
                                     "content": .text(content)]
        for column in ["class_id", "group_id", "subject_id", "teacher_id"] { fields[column] = session[column] ?? .null }
        return try await store.create(Self.homeworkTable, in: place, fields: fields)["id"]?.int ?? 0
    }

    public func deleteHomework(id: Int, in establishmentID: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db)
            .delete(Self.homeworkTable, id: id, in: .establishment(id: establishmentID, yearID: nil), files: files)
    }
}

extension LogbookStore {
    /// One homework the viewer may read, if any.
    public func homework(id: Int, in establishmentID: Int) async throws -> LogbookHomework? {
        let visible = try await ServiceStore(viewer: viewer, db: db)
            .visibleRows(Self.homeworkTable, in: .establishment(id: establishmentID, yearID: nil))
        return try await homeworkLines(from: visible, where: "WHERE v.id = \(bind: id)", limit: 1).first
    }
}
