import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// After the change: « Archives » (the archive sub-sections of "Classes", with last year's
/// logbook under "Année précédente", and the archived class and temporary sections) for
/// everyone of the establishment, and « Corbeille » with restore for its administrators.
struct ArchivePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("etablissements", ":uai", "archives", use: archives)
        routes.get("etablissements", ":uai", "corbeille", use: bin)
        routes.grouped(CSRFMiddleware()).post("etablissements", ":uai", "corbeille", ":id", "restaurer", use: restore)
    }

    func archives(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        let establishmentID = try establishment.requireID()
        let (sections, logbooks) = try await ArchiveStore(viewer: viewer, db: req.db).archives(establishmentID: establishmentID)
        let uai = establishment.uai.code
        return Page(title: "Archives", context: req.pageContext(viewer)) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            if viewer.administers(establishmentID) { EstablishmentPages.nav(uai) }
            if sections.isEmpty { Paragraph("Aucune archive : le changement d'année n'a pas encore eu lieu.") }
            for section in sections {
                Div {
                    H2(section.kind == "archive" ? "Classes › \(section.title)" : "\(section.parent_title ?? "Archives") › \(section.title)")
                    if let logbook = logbooks[section.id] {
                        Paragraph("Cahier de textes \(logbook.year), en lecture seule\u{A0}: \(French.count(logbook.total, "séance")).")
                        Paragraph {
                            Link("Consulter le cahier de textes \(logbook.year) par classe, matière et mois",
                                 url: LogbookBrowsePage.path(uai: uai, yearID: logbook.yearID))
                        }
                    } else if section.kind != "archive" {
                        Paragraph("Rubrique archivée, en lecture seule.").class("muted")
                    }
                }.class("card")
            }
        }.response()
    }

    func bin(req: Request) async throws -> Response {
        let (viewer, establishment) = try await req.administeredEstablishment()
        let items = try await RecycleBin(db: req.db, establishmentID: try establishment.requireID())
            .items(today: req.clock.today)
        let uai = establishment.uai.code
        let context = req.pageContext(viewer)
        return Page(title: "Corbeille", context: context) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            EstablishmentPages.nav(uai)
            Paragraph("Les espaces de classe mis à la corbeille au changement d'année se restaurent pendant \(RecycleBin.restoreDays) jours ; la corbeille est vidée au changement suivant.")
            if items.isEmpty { Paragraph("La corbeille est vide.") }
            Table(header: TableRow {
                TableHeaderCell("Rubrique")
                TableHeaderCell("Mise à la corbeille")
                TableHeaderCell("Restaurable jusqu'au")
                TableHeaderCell("Action")
            }) {
                for item in items {
                    TableRow {
                        TableCell(item.title)
                        TableCell(AccessClosed.french(item.binnedOn))
                        TableCell(AccessClosed.french(item.restorableUntil))
                        if item.restorable {
                            TableCell {
                                EstablishmentPages.button("Restaurer « \(item.title) »",
                                                          action: EstablishmentPages.path(uai, "corbeille/\(item.id)/restaurer"),
                                                          csrf: context.csrf, style: "secondary")
                            }
                        } else {
                            TableCell("Délai passé")
                        }
                    }
                }
            }
        }.response()
    }

    func restore(req: Request) async throws -> Response {
        let (_, establishment) = try await req.administeredEstablishment()
        let id = try req.parameters.require("id", as: Int.self)
        let back = EstablishmentPages.path(establishment.uai.code, "corbeille")
        do {
            try await RecycleBin(db: req.db, establishmentID: try establishment.requireID())
                .restore(id: id, today: req.clock.today)
        } catch let failure as RecycleBin.Failure {
            if case .notInBin = failure { throw Abort(.notFound, reason: failure.description) }
            return req.redirect(to: back, notice: "Non restaurée : \(failure.description).")
        }
        return req.redirect(to: back, notice: "Rubrique restaurée à sa place.")
    }
}
