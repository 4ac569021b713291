import FluentKit
import SQLKit

/// "Does this teacher already teach this subject to this class?" With an index on the teacher
/// alone, SQLite preferred the subject index and scanned every assignment of the subject for
/// each one inserted: eight seconds for a region's import instead of half a second.
public struct IndexTeachingByTeacherAndSubject: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_teaching_assignments_teacher_subject").on("teaching_assignments")
            .column("teacher_id").column("subject_id").run()
        try await sql.drop(index: "ix_teaching_assignments_teacher_id").run()
    }

    public func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.create(index: "ix_teaching_assignments_teacher_id").on("teaching_assignments").column("teacher_id").run()
        try await sql.drop(index: "ix_teaching_assignments_teacher_subject").run()
    }
}
