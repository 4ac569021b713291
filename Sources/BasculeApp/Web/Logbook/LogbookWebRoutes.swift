import BasculeDomain
import BasculeStorage
import Vapor

/// `/cahier-de-textes`: a teacher's week of courses to fill, and the form that fills one.
struct LogbookWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cahier-de-textes", use: week)
        routes.grouped(CSRFMiddleware()).post("cahier-de-textes", use: fill)
    }

    /// A teacher's week; whoever teaches nowhere goes to what they read: a student or a parent
    /// the homework to do, the other personnel the classes' sessions.
    func week(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let store = LogbookStore(viewer: viewer, db: req.db)
        let asked = req.query[String.self, at: "etablissement"]
        let taught = viewer.establishments.filter { viewer.kinds(in: $0.id).contains(.teacher) }
        guard asked.map({ uai in taught.contains { $0.uai == uai } }) ?? !taught.isEmpty else {
            let (_, member) = try req.memberEstablishment()
            let menu = req.logbookMenu(viewer, member)
            return req.redirect(to: menu.hasHomework ? "/cahier-de-textes/travail?etablissement=\(member.uai)"
                                                     : LogbookBrowsePage.path(uai: member.uai), redirectType: .normal)
        }
        let establishment = try establishment(store, asked: req.query[String.self, at: "etablissement"])
        let day = try TimetableWebRoutes.week(req.query[String.self, at: "semaine"], today: req.clock.today)
        let week = try await store.week(in: establishment.id, containing: day)
        return LogbookPage.page(week, uai: establishment.uai, today: req.clock.today,
                                menu: req.logbookMenu(viewer, (establishment.id, establishment.uai, establishment.name)),
                                context: req.pageContext(viewer)).response()
    }

    struct FillForm: Content {
        var etablissement: String?
        var cours: Int?
        var date: String?
        var contenu: String?
    }

    func fill(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let store = LogbookStore(viewer: viewer, db: req.db)
        let form = try req.content.decode(FillForm.self)
        let establishment = try establishment(store, asked: form.etablissement)
        guard let courseID = form.cours, let date = try? CalendarDate(iso: form.date ?? "") else {
            throw Abort(.badRequest, reason: "Séance incomplète\u{A0}: rechargez la page et recommencez.")
        }
        let back = LogbookPage.path(uai: establishment.uai, week: date)
        let content = form.contenu ?? ""
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return req.redirect(to: back, notice: "Écrivez le contenu de la séance avant de l'enregistrer.")
        }
        let filled = try await store.fill(courseID: courseID, on: date, content: content)
        let when = "du \(French.longDate(date))"
        return req.redirect(to: back, notice: filled.isNew ? "Séance \(when) enregistrée."
                                                           : "La séance \(when) était déjà remplie\u{A0}: elle n'a pas changé.")
    }

    /// The establishment asked for, else the first one the viewer teaches in.
    private func establishment(_ store: LogbookStore, asked: String?) throws -> (id: Int, uai: String, name: String) {
        let taught = try store.establishments()
        guard let asked else { return taught[0] }
        guard let found = taught.first(where: { $0.uai == asked }) else {
            throw Abort(.notFound, reason: "Vous n'enseignez pas dans l'établissement demandé.")
        }
        return found
    }
}
