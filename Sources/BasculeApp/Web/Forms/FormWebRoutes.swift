import BasculeDomain
import BasculeStorage
import Vapor

/// `/formulaires`: the establishment's open forms to answer and one's own forms; a form to
/// answer (or change one's answers); for its author, the answers (page and CSV), opening and
/// closing, deletion; for the personnel, the form that writes a new one.
struct FormWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let forms = routes.grouped("formulaires")
        forms.get(use: list)
        forms.get(":id", use: show)
        forms.get(":id", "reponses", use: answers)
        forms.get(":id", "reponses.csv", use: csv)
        forms.get(":id", "suppression", use: confirmDeletion)
        let posts = forms.grouped(CSRFMiddleware())
        posts.post(use: create)
        posts.post(":id", use: answer)
        posts.post(":id", "etat", use: setOpen)
        posts.post(":id", "suppression", use: delete)
    }

    func list(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let forms = try await FormStore(viewer: viewer, db: req.db).forms(in: establishment.id)
        return FormPage.list(forms, uai: establishment.uai, mayCreate: viewer.isPersonnel(of: establishment.id),
                             context: req.pageContext(viewer)).response()
    }

    struct NewForm: Content {
        var titre: String?
        var questions: String?
    }

    func create(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let form = try req.content.decode(NewForm.self)
        let questions = (form.questions ?? "").split(whereSeparator: \.isNewline).map(String.init)
        let store = FormStore(viewer: viewer, db: req.db)
        do {
            let id = try await store.create(title: form.titre ?? "", questions: questions, in: establishment.id,
                                            on: try CalendarDate(iso: String(req.clock.now.prefix(10))))
            return req.redirect(to: FormPage.path(uai: establishment.uai, id: id), notice: "Formulaire créé et ouvert aux réponses.")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return FormPage.list(try await store.forms(in: establishment.id), uai: establishment.uai, mayCreate: true,
                                 typed: (form.titre ?? "", form.questions ?? ""), error: refusal, context: req.pageContext(viewer))
                .response(status: .badRequest)
        }
    }

    func show(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let store = FormStore(viewer: viewer, db: req.db)
        let detail = try await store.detail(try req.parameters.require("id", as: Int.self), in: establishment.id)
        return FormPage.form(detail, uai: establishment.uai, manages: store.manages(detail.form, in: establishment.id),
                             context: req.pageContext(viewer)).response()
    }

    func answer(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try req.content.decode([String: String].self)
        var values: [Int: String] = [:]
        for (name, value) in fields where name.hasPrefix("reponse-") {
            if let question = Int(name.dropFirst("reponse-".count)) { values[question] = value }
        }
        let store = FormStore(viewer: viewer, db: req.db)
        do {
            try await store.answer(id, values: values, in: establishment.id, at: req.clock.now)
        } catch let refusal as ServiceError where refusal.status == .badRequest || refusal.status == .forbidden {
            // Refused (a question left blank, the form closed meanwhile): the form again, with
            // what was typed.
            let detail = try await store.detail(id, in: establishment.id)
            return FormPage.form(detail, uai: establishment.uai, manages: store.manages(detail.form, in: establishment.id), typed: values,
                                 error: refusal, context: req.pageContext(viewer)).response(status: refusal.status)
        }
        return req.redirect(to: FormPage.path(uai: establishment.uai, id: id), notice: "Vos réponses sont enregistrées.")
    }

    func answers(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let (detail, answers) = try await FormStore(viewer: viewer, db: req.db)
            .answers(to: try req.parameters.require("id", as: Int.self), in: establishment.id)
        return FormPage.answers(detail, answers: answers, uai: establishment.uai, context: req.pageContext(viewer)).response()
    }

    /// The answers as a CSV for a spreadsheet: one line per respondent, one column per question.
    func csv(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let (detail, answers) = try await FormStore(viewer: viewer, db: req.db)
            .answers(to: try req.parameters.require("id", as: Int.self), in: establishment.id)
        let table = FormPage.table(detail, answers: answers)
        let data = try FrenchCSV.make(header: ["Nom", "Répondu le"] + detail.questions.map(\.label),
                                      rows: table.map { [$0.name, AccessClosed.french($0.answeredAt)] + $0.values })
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: ServiceAPI.disposition("attachment", name: ArchiveEntryName.make(detail.form.title) + ".csv"))
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    struct StateForm: Content {
        var ouvert: String?
    }

    func setOpen(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let open = try req.content.decode(StateForm.self).ouvert == "1"
        try await FormStore(viewer: viewer, db: req.db).setOpen(id, open, in: establishment.id)
        return req.redirect(to: FormPage.path(uai: establishment.uai, id: id) + "#etat",
                            notice: open ? "Formulaire rouvert aux réponses." : "Formulaire clos.")
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let detail = try await FormStore(viewer: viewer, db: req.db).managed(try req.parameters.require("id", as: Int.self), in: establishment.id)
        let n = detail.form.respondent_count
        return ConfirmationPage.deletion(
            title: "Supprimer le formulaire « \(detail.form.title) »\u{A0}?",
            explanation: n == 0 ? "Personne n'y a encore répondu." : "Les réponses de \(French.count(n, "personne")) seront supprimées avec lui.",
            action: FormPage.path(uai: establishment.uai, id: detail.form.id, "/suppression"),
            back: FormPage.path(uai: establishment.uai, id: detail.form.id), backLabel: "Non, revenir au formulaire",
            context: req.pageContext(viewer)).response()
    }

    func delete(req: Request) async throws -> Response {
        let (viewer, establishment) = try req.memberEstablishment()
        let store = FormStore(viewer: viewer, db: req.db)
        let detail = try await store.detail(try req.parameters.require("id", as: Int.self), in: establishment.id)
        try await store.delete(detail.form.id, in: establishment.id, files: req.files)
        return req.redirect(to: FormPage.path(uai: establishment.uai), notice: "Formulaire « \(detail.form.title) » supprimé.")
    }
}
