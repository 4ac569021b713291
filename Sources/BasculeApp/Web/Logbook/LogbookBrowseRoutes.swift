import BasculeDomain
import BasculeStorage
import Vapor

/// The logbook for everyone of an establishment: the classes' sessions (any year the viewer may
/// read), a student's homework, and the session page where its teacher changes it.
struct LogbookBrowseRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let logbook = routes.grouped("cahier-de-textes")
        logbook.get("classes", use: classes)
        logbook.get("travail", use: homework)
        logbook.get("seances", ":id", use: session)
        logbook.get("seances", ":id", "suppression", use: confirmSessionDeletion)
        logbook.get("devoirs", ":id", "suppression", use: confirmHomeworkDeletion)
        let forms = logbook.grouped(CSRFMiddleware())
        forms.post("seances", ":id", use: edit)
        forms.post("seances", ":id", "suppression", use: deleteSession)
        forms.post("seances", ":id", "devoirs", use: addHomework)
        forms.post("devoirs", ":id", "suppression", use: deleteHomework)
    }

    func classes(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let filter = LogbookStore.Filter(
            yearID: req.query[Int.self, at: "annee"],
            audience: try req.query[String.self, at: "classe"].flatMap { $0.isEmpty ? nil : try Self.audience($0) },
            subjectID: req.query[String.self, at: "matiere"].flatMap { Int($0) },
            month: try req.query[String.self, at: "mois"].flatMap { $0.isEmpty ? nil : try Self.month($0) },
            page: req.query[Int.self, at: "page"] ?? 1)
        let listing = try await LogbookStore(viewer: viewer, db: req.db).listing(in: establishment.id, filter: filter)
        let content = LogbookBrowsePage.Content(uai: establishment.uai, establishments: viewer.establishments, listing: listing,
                                                filter: filter, menu: req.logbookMenu(viewer, establishment))
        return LogbookBrowsePage.page(content, context: req.pageContext(viewer)).response()
    }

    func homework(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let children = try await req.followedStudents(viewer, in: establishment.id)
        guard !children.isEmpty else {
            throw Abort(.forbidden, reason: "Le travail à faire se lit par les élèves et leurs parents\u{A0}: consultez les séances des classes.")
        }
        let asked = req.query[Int.self, at: "eleve"]
        guard let student = asked.map({ id in children.first { $0.id == id } }) ?? children.first else {
            throw Abort(.notFound, reason: "Cet élève n'est pas l'un de vos enfants.")
        }
        let items = try await LogbookStore(viewer: viewer, db: req.db)
            .homeworkToDo(in: establishment.id, of: student.id, from: req.clock.today)
        let content = LogbookHomeworkPage.Content(uai: establishment.uai, children: children, studentID: student.id, homework: items,
                                                  menu: req.logbookMenu(viewer, establishment))
        return LogbookHomeworkPage.page(content, today: req.clock.today, context: req.pageContext(viewer)).response()
    }

    func session(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let store = LogbookStore(viewer: viewer, db: req.db)
        let (session, homework) = try await store.session(id: try req.parameters.require("id", as: Int.self), in: establishment.id)
        let editable = (session.teacher_id == viewer.accountID || viewer.administers(establishment.id))
            && session.school_year_id == viewer.year(in: establishment.id)?.id
        return LogbookSessionPage.page(session, homework: homework, attachments: try await store.attachments(of: session),
                                       uai: establishment.uai, menu: req.logbookMenu(viewer, establishment),
                                       editable: editable, context: req.pageContext(viewer)).response()
    }

    struct EditForm: Content {
        var contenu: String?
    }

    func edit(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let content = try req.content.decode(EditForm.self).contenu ?? ""
        let back = LogbookSessionPage.path(uai: establishment.uai, id: id) + "#contenu-seance"
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return req.redirect(to: back, notice: "Écrivez le contenu de la séance avant de l'enregistrer.")
        }
        try await LogbookStore(viewer: viewer, db: req.db).edit(sessionID: id, in: establishment.id, content: content)
        return req.redirect(to: back, notice: "Contenu de la séance enregistré.")
    }

    struct HomeworkForm: Content {
        var echeance: String?
        var travail: String?
    }

    func addHomework(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.content.decode(HomeworkForm.self)
        let back = LogbookSessionPage.path(uai: establishment.uai, id: id) + "#nouveau-devoir"
        guard let due = try? CalendarDate(iso: form.echeance ?? "") else {
            return req.redirect(to: back, notice: "Indiquez pour quel jour le travail est à faire.")
        }
        guard let text = form.travail, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return req.redirect(to: back, notice: "Décrivez le travail à faire.")
        }
        do {
            _ = try await LogbookStore(viewer: viewer, db: req.db).addHomework(sessionID: id, in: establishment.id, due: due, content: text)
        } catch ServiceError.invalid(field: "due_on", let reason) {
            return req.redirect(to: back, notice: "Travail non donné\u{A0}: \(reason).")
        }
        return req.redirect(to: back, notice: "Travail à faire pour le \(French.longDate(due)) donné.")
    }

    func confirmSessionDeletion(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let (session, homework) = try await LogbookStore(viewer: viewer, db: req.db).session(id: id, in: establishment.id)
        let query = "?etablissement=\(establishment.uai)"
        return ConfirmationPage.deletion(
            title: "Supprimer la séance du \(LogbookBrowsePage.heading(session, capitalized: false))\u{A0}?",
            explanation: homework.isEmpty ? "La séance sera supprimée du cahier de textes."
                : "La séance sera supprimée du cahier de textes, avec \(French.agreeing(homework.count, "le travail", "les \(homework.count) travaux")) à faire \(French.agreeing(homework.count, "qui y a été donné", "qui y ont été donnés")).",
            action: "/cahier-de-textes/seances/\(id)/suppression\(query)", back: LogbookSessionPage.path(uai: establishment.uai, id: id),
            backLabel: "Non, revenir à la séance", context: req.pageContext(viewer)).response()
    }

    func deleteSession(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        try await LogbookStore(viewer: viewer, db: req.db).delete(sessionID: id, in: establishment.id, files: req.files)
        return req.redirect(to: LogbookBrowsePage.path(uai: establishment.uai), notice: "Séance supprimée.")
    }

    func confirmHomeworkDeletion(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let store = LogbookStore(viewer: viewer, db: req.db)
        guard let item = try await store.homework(id: id, in: establishment.id), let sessionID = item.session_id else {
            throw Abort(.notFound, reason: "Ce travail à faire n'existe pas ou ne vous est pas visible.")
        }
        let query = "?etablissement=\(establishment.uai)"
        return ConfirmationPage.deletion(
            title: "Supprimer ce travail à faire\u{A0}?", explanation: "\(LogbookHomeworkPage.due(item))\u{A0}: \(item.content)",
            action: "/cahier-de-textes/devoirs/\(id)/suppression\(query)", back: LogbookSessionPage.path(uai: establishment.uai, id: sessionID),
            backLabel: "Non, revenir à la séance", context: req.pageContext(viewer)).response()
    }

    func deleteHomework(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let store = LogbookStore(viewer: viewer, db: req.db)
        let sessionID = try await store.homework(id: id, in: establishment.id)?.session_id
        try await store.deleteHomework(id: id, in: establishment.id, files: req.files)
        let back = sessionID.map { LogbookSessionPage.path(uai: establishment.uai, id: $0) } ?? LogbookBrowsePage.path(uai: establishment.uai)
        return req.redirect(to: back, notice: "Travail à faire supprimé.")
    }

    static func audience(_ token: String) throws -> LogbookAudience {
        guard let audience = LogbookAudience(token: token) else { throw Abort(.badRequest, reason: "Classe ou groupe inconnu.") }
        return audience
    }

    static func month(_ text: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, Int(parts[0]) != nil, let month = Int(parts[1]),
              (1...12).contains(month) else {
            throw Abort(.badRequest, reason: "Mois\u{A0}: AAAA-MM attendu.")
        }
        return text
    }
}

extension Request {
    /// The students whose pages the viewer follows as a family: themselves, their children.
    func followedStudents(_ viewer: Viewer, in establishmentID: Int) async throws -> [(id: Int, label: String)] {
        let kinds = viewer.kinds(in: establishmentID)
        var students: [(id: Int, label: String)] = []
        if kinds.contains(.student) { students.append((viewer.accountID, viewer.displayName)) }
        if kinds.contains(.parent) {
            students += try await TimetableStore(viewer: viewer, db: db).choices(in: establishmentID).children.map { ($0.id, $0.label) }
        }
        return students
    }

    /// The establishment a member's page is for (`etablissement`), among the viewer's, else their first.
    func memberEstablishment() throws -> (Viewer, (id: Int, uai: String, name: String)) {
        let viewer = try viewer()
        let establishments = viewer.establishments
        let asked = query[String.self, at: "etablissement"]
        guard let found = asked.map({ uai in establishments.first { $0.uai == uai } }) ?? establishments.first else {
            if asked != nil { throw Abort(.forbidden, reason: "Vous n'avez pas de profil dans l'établissement demandé.") }
            throw Abort(.notFound, reason: "Votre compte n'a de profil dans aucun établissement.")
        }
        return (viewer, found)
    }

    func logbookMenu(_ viewer: Viewer, _ establishment: (id: Int, uai: String, name: String)) -> LogbookMenu {
        let kinds = viewer.kinds(in: establishment.id)
        return LogbookMenu(uai: establishment.uai, teaches: kinds.contains(.teacher),
                           hasHomework: kinds.contains(.student) || kinds.contains(.parent))
    }
}
