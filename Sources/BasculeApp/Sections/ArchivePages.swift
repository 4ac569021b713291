import BasculeDomain
import BasculeStorage
import Plot
import SQLKit
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

    struct ArchiveSection: Decodable {
        let id: Int
        let title: String
        let kind: String
        let school_year_id: Int?
        let parent_title: String?
    }

    struct Session: Decodable {
        let held_on: String
        let slot: String
        let content: String
        let class_code: String?
        let group_name: String?
        let subject: String?
    }

    func archives(req: Request) async throws -> Response {
        let viewer = try await req.viewer()
        let establishment = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db)
        let establishmentID = try establishment.requireID()
        guard viewer.canSee(establishmentID: establishmentID) else {
            throw Abort(.forbidden, reason: "Les archives sont réservées aux membres de l'établissement.")
        }
        let sql = req.db as! any SQLDatabase
        let sections = try await sql.raw("""
            SELECT s.id, s.title, s.kind, s.school_year_id, p.title AS parent_title FROM sections s
            JOIN sections p ON p.id = s.parent_id
            WHERE s.establishment_id = \(bind: establishmentID) AND s.binned_on IS NULL AND s.purged_on IS NULL
            AND (s.kind = 'archive' OR p.kind = 'archive')
            ORDER BY s.school_year_id DESC, p.title, s.title, s.id
            """).all(decoding: ArchiveSection.self)
        var logbooks: [Int: (year: String, sessions: [Session], total: Int)] = [:]
        for section in sections where section.title == "Année précédente" {
            guard let yearID = section.school_year_id else { continue }
            let visible = try await ServiceStore(viewer: viewer, db: req.db)
                .visibleRows(ServiceSchema.byName["logbook_sessions"]!, in: .establishment(id: establishmentID, yearID: yearID))
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM (\(visible.query)) v").first(decodingColumn: "n", as: Int.self) ?? 0
            let sessions = try await sql.raw("""
                SELECT v.held_on, v.slot, v.content, c.code AS class_code, g.name AS group_name, j.label AS subject
                FROM (\(visible.query)) v LEFT JOIN classes c ON c.id = v.class_id LEFT JOIN groups g ON g.id = v.group_id
                LEFT JOIN subjects j ON j.id = v.subject_id ORDER BY v.held_on DESC, v.slot, v.id LIMIT 200
                """).all(decoding: Session.self)
            let year = try await sql.raw("SELECT name FROM school_years WHERE id = \(bind: yearID)").first(decodingColumn: "name", as: String.self) ?? ""
            logbooks[section.id] = (year, sessions, total)
        }
        let uai = establishment.uai.code
        return Page(title: "Archives", context: req.pageContext(viewer)) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            if viewer.administers(establishmentID) { EstablishmentPages.nav(uai) }
            if sections.isEmpty { Paragraph("Aucune archive : le changement d'année n'a pas encore eu lieu.") }
            for section in sections {
                Div {
                    H2(section.kind == "archive" ? "Classes › \(section.title)" : "\(section.parent_title ?? "Archives") › \(section.title)")
                    if let logbook = logbooks[section.id] {
                        Paragraph("Cahier de textes \(logbook.year), en lecture seule : \(logbook.total) séance(s)"
                                  + (logbook.total > logbook.sessions.count ? " (les \(logbook.sessions.count) plus récentes ci-dessous)." : "."))
                        Table(header: TableRow {
                            TableHeaderCell("Date")
                            TableHeaderCell("Classe ou groupe")
                            TableHeaderCell("Matière")
                            TableHeaderCell("Contenu")
                        }) {
                            for session in logbook.sessions {
                                TableRow {
                                    TableCell("\(session.held_on) \(session.slot)")
                                    TableCell(session.class_code ?? session.group_name ?? "")
                                    TableCell(session.subject ?? "")
                                    TableCell(session.content)
                                }
                            }
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
        let items = try await RecycleBin(sql: req.db as! any SQLDatabase, establishmentID: try establishment.requireID())
            .items(today: .today)
        let uai = establishment.uai.code
        let context = req.pageContext(viewer)
        return Page(title: "Corbeille", context: context) {
            Paragraph("\(establishment.name) (\(uai))").class("muted")
            EstablishmentPages.nav(uai)
            Paragraph("Les espaces de classe mis à la corbeille au changement d'année se restaurent pendant \(RecycleBin.restoreDays) jours ; la corbeille est vidée au changement suivant.")
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
                                EstablishmentPages.button("Restaurer « \(item.title) »",
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
            try await RecycleBin(sql: req.db as! any SQLDatabase, establishmentID: try establishment.requireID())
                .restore(id: id, today: .today)
        } catch let failure as RecycleBin.Failure {
            if case .notInBin = failure { throw Abort(.notFound, reason: failure.description) }
            return req.redirect(to: back, notice: "Non restaurée : \(failure.description).")
        }
        return req.redirect(to: back, notice: "Rubrique restaurée à sa place.")
    }
}
