import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// « Blocage des accès » of an establishment: the summer block of students and parents set by
/// the operator, and the establishment's own end of it, within the limits the phase allows.
struct AccessBlockPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let page = routes.grouped("etablissements", ":uai", "blocage-des-acces")
        page.get(use: show)
        page.grouped(CSRFMiddleware()).post(use: save)
    }

    func show(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let calendar = try await AccessCalendar.load(on: req.db)
        let establishmentID = try establishment.requireID()
        let context = req.pageContext(viewer)
        let blocks = calendar.phases.filter { $0.access == .studentsAndParentsBlocked }
        let uai = establishment.uai.code
        return Page(title: "Blocage des accès", context: context) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            EstablishmentPages.nav(uai)
            Paragraph("Pendant le changement d'année, les élèves et les parents ne se connectent pas. La plateforme fixe la période par défaut ; l'établissement peut la lever plus tôt ou la prolonger, dans les limites indiquées.")
            if blocks.isEmpty { Paragraph("Aucune période de blocage n'est prévue.") }
            for phase in blocks {
                let chosen = calendar.blockEnds[.init(establishmentID: establishmentID, phaseID: phase.id)]
                let end = chosen ?? phase.endsAt
                Div {
                    H2(phase.label)
                    Paragraph("Période par défaut : du \(AccessClosed.french(phase.startsAt)) au \(AccessClosed.french(phase.endsAt)).")
                    Paragraph("Fin possible : du \(AccessClosed.french(phase.liftFrom ?? phase.endsAt)) au \(AccessClosed.french(phase.extendUntil ?? phase.endsAt)).")
                    Paragraph(chosen == nil ? "L'établissement suit la période par défaut."
                              : "Fin choisie par l'établissement : \(AccessClosed.french(end)).").class(chosen == nil ? "muted" : "done")
                    Node<HTML.BodyContext>.form(
                        .action(EstablishmentPages.path(uai, "blocage-des-acces")), .method(.post),
                        .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                        .input(.type(.hidden), .name("phase"), .value(String(phase.id))),
                        .label(.for("date-\(phase.id)"), "Fin du blocage (date)"),
                        .input(.type(.date), .name("date"), .id("date-\(phase.id)"), .value(String(end.prefix(10))), .required(true),
                               .attribute(named: "min", value: String((phase.liftFrom ?? phase.endsAt).prefix(10))),
                               .attribute(named: "max", value: String((phase.extendUntil ?? phase.endsAt).prefix(10)))),
                        .label(.for("time-\(phase.id)"), "Heure"),
                        .input(.type(.time), .name("time"), .id("time-\(phase.id)"), .value(end.count >= 16 ? String(end.dropFirst(11).prefix(5)) : "08:00"),
                               .required(true)),
                        .div(.class("actions"), .button(.type(.submit), .text("Enregistrer")))
                    )
                }.class("card")
            }
        }.response()
    }

    struct Choice: Content {
        let phase: Int
        let date: String
        let time: String
    }

    func save(req: Request) async throws -> Response {
        let (_, establishment) = try await req.administeredEstablishment()
        let choice = try req.content.decode(Choice.self)
        let back = EstablishmentPages.path(establishment.uai.code, "blocage-des-acces")
        do {
            try await CalendarStore(db: req.db)
                .setBlockEnd(establishmentID: try establishment.requireID(), phaseID: choice.phase, endsAt: "\(choice.date)T\(choice.time)")
        } catch let failure as CalendarStore.Failure {
            return req.redirect(to: back, notice: "Non enregistré : \(failure.description).")
        }
        return req.redirect(to: back, notice: "Fin du blocage enregistrée : \(AccessClosed.french("\(choice.date)T\(choice.time)")).")
    }
}
