import BasculeDomain
import FluentKit
import SQLKit

/// Formulaires: the establishment's personnel write forms (a title and questions); while a
/// form is open, the members of the establishment answer it, once each (an answer can be
/// changed); its owner reads the answers. Rows are written through `ServiceStore`, under the
/// tables' rules.
public struct FormStore: Sendable {
    public let viewer: Viewer
    let db: any Database

    public init(viewer: Viewer, db: any Database) {
        self.viewer = viewer
        self.db = db
    }

    static let forms = ServiceSchema.byName["forms"]!
    static let questions = ServiceSchema.byName["form_questions"]!
    static let answers = ServiceSchema.byName["form_answers"]!
    public static let questionLimit = 30

    public struct Summary: Sendable, Decodable, Equatable {
        public let id: Int
        public let owner_id: Int
        public let title: String
        public let is_open: Bool
        public let created_on: String
        public let question_count: Int
        /// How many people answered (for its owner), or whether the viewer did (0 or 1).
        public let respondent_count: Int
        public let answered_by_viewer: Int
        public let owner_first_name: String?
        public let owner_last_name: String?

        public var ownerName: String? { PersonName.display(first: owner_first_name, last: owner_last_name) }
    }

    public struct Question: Sendable, Decodable, Equatable {
        public let id: Int
        public let position: Int
        public let label: String
    }

    public struct Detail: Sendable {
        public let form: Summary
        public let questions: [Question]
        /// The viewer's own answers, by question.
        public let answers: [Int: String]
    }

    /// The establishment's forms the viewer may read: the open ones, and the viewer's own.
    public func forms(in establishmentID: Int) async throws -> [Summary] {
        try await summaries(in: establishmentID, where: "WHERE v.is_open = \(bind: true) OR v.owner_id = \(bind: viewer.accountID)")
    }

    public func detail(_ id: Int, in establishmentID: Int) async throws -> Detail {
        guard let form = try await summaries(in: establishmentID, where: "WHERE v.id = \(bind: id)").first else {
            throw ServiceError.notFound(table: Self.forms.name, id: id)
        }
        let questions = try await db.sql.raw("""
            SELECT id, position, label FROM form_questions WHERE form_id = \(bind: id) ORDER BY position, id
            """).all(decoding: Question.self)
        let answers = try await db.sql.raw("""
            SELECT a.question_id, a.value FROM form_answers a JOIN form_questions q ON q.id = a.question_id
            WHERE q.form_id = \(bind: id) AND a.respondent_id = \(bind: viewer.accountID)
            """).all()
        var mine: [Int: String] = [:]
        for row in answers { mine[try row.decode(column: "question_id", as: Int.self)] = try row.decode(column: "value", as: String.self) }
        return Detail(form: form, questions: questions, answers: mine)
    }

    private func summaries(in establishmentID: Int, where filter: SQLQueryString) async throws -> [Summary] {
        let visible = try await ServiceStore(viewer: viewer, db: db).visibleRows(Self.forms, in: .establishment(id: establishmentID, yearID: nil))
        return try await db.sql.raw("""
            SELECT v.id, v.owner_id, v.title, v.is_open, v.created_on, o.first_name AS owner_first_name, o.last_name AS owner_last_name,
            (SELECT COUNT(*) FROM form_questions q WHERE q.form_id = v.id) AS question_count,
            (SELECT COUNT(DISTINCT a.respondent_id) FROM form_answers a JOIN form_questions q ON q.id = a.question_id WHERE q.form_id = v.id) AS respondent_count,
            (SELECT COUNT(DISTINCT q.form_id) FROM form_answers a JOIN form_questions q ON q.id = a.question_id
             WHERE q.form_id = v.id AND a.respondent_id = \(bind: viewer.accountID)) AS answered_by_viewer
            FROM (\(visible.query)) v LEFT JOIN accounts o ON o.id = v.owner_id
            \(filter) ORDER BY v.created_on DESC, v.id DESC LIMIT 200
            """).all(decoding: Summary.self)
    }

    /// Writes a form and its questions (the blank ones left out); personnel only.
    public func create(title: String, questions: [String], in establishmentID: Int, on day: CalendarDate) async throws -> Int {
        guard viewer.isPersonnel(of: establishmentID) else {
            throw ServiceError.forbidden("Les formulaires sont écrits par les personnels de l'établissement.")
        }
        let title = try ServiceStore.required(title, field: "title")
        let labels = questions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !labels.isEmpty else { throw ServiceError.invalid(field: "questions", reason: "écrivez au moins une question") }
        guard labels.count <= Self.questionLimit else {
            throw ServiceError.invalid(field: "questions", reason: "\(Self.questionLimit) questions au plus")
        }
        let viewer = viewer
        return try await db.transaction { tx in
            let store = ServiceStore(viewer: viewer, db: tx)
            let form = try await store.create(Self.forms, in: .establishment(id: establishmentID, yearID: nil), fields: [
                "title": .text(title), "is_open": .bool(true), "created_on": .text(day.iso),
            ])
            guard let id = form["id"]?.int else { throw ServiceError.notFound(table: Self.forms.name, id: 0) }
            for (position, label) in labels.enumerated() {
                _ = try await store.create(Self.questions, in: .parent(table: Self.forms, id: id, establishmentID: establishmentID),
                                           fields: ["position": .int(position + 1), "label": .text(label)])
            }
            return id
        }
    }

    /// Records the viewer's answers to an open form, replacing their earlier ones; every
    /// question must be answered.
    public func answer(_ id: Int, values: [Int: String], in establishmentID: Int, at instant: String) async throws {
        let detail = try await detail(id, in: establishmentID)
        guard detail.form.is_open else { throw ServiceError.forbidden("Ce formulaire est clos\u{A0}: il ne reçoit plus de réponses.") }
        var answers: [(Question, String)] = []
        for question in detail.questions {
            let value = (values[question.id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw ServiceError.invalid(field: "value", reason: "répondez à la question « \(question.label) »") }
            answers.append((question, value))
        }
        let viewer = viewer
        let given = answers
        try await db.transaction { tx in
            let store = ServiceStore(viewer: viewer, db: tx)
            try await tx.sql.raw("""
                DELETE FROM form_answers WHERE respondent_id = \(bind: viewer.accountID)
                AND question_id IN (SELECT id FROM form_questions WHERE form_id = \(bind: id))
                """).run()
            for (question, value) in given {
                _ = try await store.create(Self.answers, in: .parent(table: Self.questions, id: question.id, establishmentID: establishmentID),
                                           fields: ["value": .text(value), "answered_at": .text(instant)])
            }
        }
    }

    public struct Answer: Sendable, Decodable, Equatable {
        public let question_id: Int
        public let respondent_id: Int
        public let value: String
        public let answered_at: String
        public let first_name: String
        public let last_name: String

        public var respondentName: String { PersonName.display(first: first_name, last: last_name) ?? "" }
    }

    /// Whether the viewer manages the form — reads its answers, closes it, deletes it: its
    /// owner, or an administrator of the establishment.
    public func manages(_ form: Summary, in establishmentID: Int) -> Bool {
        form.owner_id == viewer.accountID || viewer.administers(establishmentID)
    }

    /// A form the viewer manages, or a refusal.
    public func managed(_ id: Int, in establishmentID: Int) async throws -> Detail {
        let detail = try await detail(id, in: establishmentID)
        guard manages(detail.form, in: establishmentID) else {
            throw ServiceError.forbidden("Un formulaire est géré par son auteur et les administrateurs de l'établissement.")
        }
        return detail
    }

    /// Every answer to a form, for those who manage it.
    public func answers(to id: Int, in establishmentID: Int, limit: Int = 5000) async throws -> (Detail, [Answer]) {
        let detail = try await managed(id, in: establishmentID)
        let answers = try await db.sql.raw("""
            SELECT a.question_id, a.respondent_id, a.value, a.answered_at, p.first_name, p.last_name
            FROM form_answers a JOIN form_questions q ON q.id = a.question_id JOIN accounts p ON p.id = a.respondent_id
            WHERE q.form_id = \(bind: id) ORDER BY p.last_name, p.first_name, a.respondent_id, q.position LIMIT \(literal: limit)
            """).all(decoding: Answer.self)
        return (detail, answers)
    }

    /// Opens or closes a form to answers.
    public func setOpen(_ id: Int, _ open: Bool, in establishmentID: Int) async throws {
        _ = try await ServiceStore(viewer: viewer, db: db).update(Self.forms, id: id, in: .establishment(id: establishmentID, yearID: nil),
                                                                  fields: ["is_open": .bool(open)], editable: ["is_open"])
    }

    public func delete(_ id: Int, in establishmentID: Int, files: FileStore) async throws {
        try await ServiceStore(viewer: viewer, db: db).delete(Self.forms, id: id, in: .establishment(id: establishmentID, yearID: nil), files: files)
    }
}
