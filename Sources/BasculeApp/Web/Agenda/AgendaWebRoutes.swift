import BasculeDomain
import BasculeFormats
import BasculeStorage
import Foundation
import Vapor

/// `/agenda`: one's personal calendar by month or week, the form that adds or changes an
/// event, its deletion, and the whole agenda as an iCalendar file.
struct AgendaWebRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let agenda = routes.grouped("agenda")
        agenda.get(use: calendar)
        agenda.get("nouveau", use: newEvent)
        agenda.get("agenda.ics", use: export)
        agenda.get("evenements", ":id", use: editEvent)
        agenda.get("evenements", ":id", "suppression", use: confirmDeletion)
        let forms = agenda.grouped(CSRFMiddleware())
        forms.post(use: create)
        forms.post("evenements", ":id", use: update)
        forms.post("evenements", ":id", "suppression", use: delete)
    }

    func calendar(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let today = try CalendarDate(iso: String(req.clock.now.prefix(10)))
        let view: AgendaPage.View
        if let week = req.query[String.self, at: "semaine"] {
            view = .week(monday: try Self.date(week).mondayOfWeek)
        } else {
            let month = req.query[String.self, at: "mois"].flatMap { try? CalendarDate(iso: $0 + "-01") }
            if req.query[String.self, at: "mois"] != nil, month == nil {
                throw Abort(.badRequest, reason: "Le mois demandé s'écrit AAAA-MM, par exemple 2026-12.")
            }
            if let month, !AgendaStore.years.contains(month.year) { throw Self.outOfRange }
            view = .month(first: month ?? AgendaPage.firstOfMonth(today))
        }
        let events = try await store.events(from: view.firstShown, through: view.lastShown)
        return AgendaPage.calendar(view, events: events, today: today, context: req.pageContext(viewer)).response()
    }

    struct EventForm: Content {
        var titre: String?
        var debut: String?
        var heureDebut: String?
        var fin: String?
        var heureFin: String?
        var lieu: String?

        var draft: AgendaStore.Draft {
            let start = (debut ?? "") + "T" + (heureDebut ?? "")
            let end = ((fin ?? "").isEmpty ? debut ?? "" : fin ?? "") + "T" + (heureFin ?? "")
            return AgendaStore.Draft(title: titre ?? "", startsAt: start, endsAt: end, location: lieu ?? "")
        }
    }

    func newEvent(req: Request) async throws -> Response {
        let (viewer, _) = try Self.store(req)
        let today = try CalendarDate(iso: String(req.clock.now.prefix(10)))
        let date = req.query[String.self, at: "date"].flatMap { try? CalendarDate(iso: $0) }.flatMap { AgendaStore.years.contains($0.year) ? $0 : nil }
            ?? today
        let form = AgendaPage.Form(title: "", startDate: date.iso, startTime: "09:00", endDate: date.iso, endTime: "10:00", location: "")
        return AgendaPage.form(form, eventID: nil, context: req.pageContext(viewer)).response()
    }

    func editEvent(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let event = try await store.event(try req.parameters.require("id", as: Int.self))
        return AgendaPage.form(AgendaPage.Form(event), eventID: event.id, context: req.pageContext(viewer)).response()
    }

    func create(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let form = try req.content.decode(EventForm.self)
        do {
            let id = try await store.create(form.draft)
            return req.redirect(to: AgendaPage.weekPath(of: try await store.event(id)), notice: "Événement « \(try await store.event(id).title) » ajouté.")
        } catch let refusal as ServiceError {
            return AgendaPage.form(AgendaPage.Form(form), eventID: nil, error: refusal, context: req.pageContext(viewer))
                .response(status: refusal.status)
        }
    }

    func update(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.content.decode(EventForm.self)
        do {
            try await store.update(id, to: form.draft)
            let event = try await store.event(id)
            return req.redirect(to: AgendaPage.weekPath(of: event), notice: "Événement « \(event.title) » modifié.")
        } catch let refusal as ServiceError where refusal.status == .badRequest {
            return AgendaPage.form(AgendaPage.Form(form), eventID: id, error: refusal, context: req.pageContext(viewer))
                .response(status: refusal.status)
        }
    }

    func confirmDeletion(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let event = try await store.event(try req.parameters.require("id", as: Int.self))
        return ConfirmationPage.deletion(
            title: "Supprimer l'événement « \(event.title) »\u{A0}?", explanation: AgendaPage.when(event) + ".",
            action: "/agenda/evenements/\(event.id)/suppression", back: AgendaPage.weekPath(of: event),
            backLabel: "Non, revenir à l'agenda", context: req.pageContext(viewer)).response()
    }

    func delete(req: Request) async throws -> Response {
        let (_, store) = try Self.store(req)
        let event = try await store.event(try req.parameters.require("id", as: Int.self))
        try await store.delete(event.id, files: req.files)
        return req.redirect(to: AgendaPage.weekPath(of: event), notice: "Événement « \(event.title) » supprimé.")
    }

    /// The whole agenda as an `.ics` file, read a page at a time.
    func export(req: Request) async throws -> Response {
        let (viewer, store) = try Self.store(req)
        let writer = ICalendarWriter(stamp: Date())
        var ics = writer.header(name: "Agenda \(French.de(viewer.displayName))")
        var after = 0
        while true {
            let page = try await store.events(after: after, limit: 500)
            guard let last = page.last else { break }
            for event in page {
                ics += writer.event(.init(uid: "evenement-\(event.id)@bascule", title: event.title, startsAt: event.starts_at,
                                          endsAt: event.ends_at, location: event.location))
            }
            after = last.id
        }
        ics += writer.footer
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"agenda-bascule.ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: ics))
    }

    static func store(_ req: Request) throws -> (Viewer, AgendaStore) {
        let viewer = try req.viewer()
        return (viewer, AgendaStore(viewer: viewer, db: req.db))
    }

    static func date(_ text: String) throws -> CalendarDate {
        let date: CalendarDate
        do { date = try CalendarDate(iso: text) } catch {
            throw Abort(.badRequest, reason: "La date demandée s'écrit AAAA-MM-JJ, par exemple 2026-12-07.")
        }
        guard AgendaStore.years.contains(date.year) else { throw outOfRange }
        return date
    }

    static let outOfRange = Abort(.badRequest, reason: "L'agenda s'étend de \(AgendaStore.years.lowerBound) à \(AgendaStore.years.upperBound).")
}
