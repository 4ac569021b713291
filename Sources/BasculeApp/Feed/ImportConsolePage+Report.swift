import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// A report as the operator reads it, and the pages an upload leads to.
extension ImportConsolePage {
    /// Totals per kind, the establishments held, the records set aside (file, line, reason).
    static func reportDetails(_ report: FeedImportReport) -> Component {
        Div {
            Paragraph("\(French.count(report.records, "enregistrement")) \(French.agreeing(report.records, "lu", "lus")) · année \(report.year)").class("muted")
            if report.total.isEmpty { Paragraph("Rien à écrire hors des établissements retenus.") }
            if !report.total.isEmpty { ImportCountsTable.render(report.total) }
            for hold in report.holds {
                Paragraph("Retenu\u{A0}: \(hold.name) (\(hold.uai)), \(hold.leaving) \(French.agreeing(hold.leaving, "compte", "comptes")) "
                          + "sur \(hold.active) \(French.agreeing(hold.leaving, "serait marqué parti", "seraient marqués partis")).").class("alert")
            }
            if !report.rejections.isEmpty {
                Node<HTML.BodyContext>.element(named: "details", nodes: [
                    .element(named: "summary", text: "\(French.count(report.rejections.count, "enregistrement non utilisé", "enregistrements non utilisés"))"),
                    .ul(.forEach(report.rejections.prefix(200)) { rejection in
                        .li(.text(French.typeset("\(rejection.file), ligne \(rejection.line), identifiant \(rejection.id) : \(rejection.reason)")))
                    }),
                ])
            }
        }
    }

    static func dryRun(_ report: FeedImportReport, upload: String, unpacked: AAFZipUpload.Unpacked, context: PageContext) -> Page {
        Page(title: "Simulation de l'import", context: context) {
            Paragraph { Link("← Imports", url: ImportConsole.path) }
            Paragraph("Rien n'a encore été écrit. Voici ce que ferait l'import de «\u{A0}\(unpacked.folder.lastPathComponent)\u{A0}» "
                      + "(\(French.count(unpacked.files.count, "fichier"))).")
            if !unpacked.ignored.isEmpty {
                Paragraph("Ignorés, car ce ne sont pas des fichiers d'export\u{A0}: \(unpacked.ignored.joined(separator: ", ")).").class("muted")
            }
            reportDetails(report)
            if !report.holds.isEmpty {
                Paragraph("Les établissements retenus ne seront pas modifiés\u{A0}: vous pourrez confirmer leurs départs après l'import.").class("todo")
            }
            Div {
                EstablishmentPages.button("Appliquer l'import", action: "\(ImportConsole.path)/envoi/\(upload)/application", csrf: context.csrf)
                Link("Abandonner", url: ImportConsole.path)
            }.class("actions")
        }
    }

    static func held(_ report: FeedImportReport, upload: String, context: PageContext) -> Page {
        Page(title: "Import retenu", context: context) {
            Paragraph { Link("← Imports", url: ImportConsole.path) }
            Paragraph(report.state == .held ? "Rien n'a été écrit\u{A0}: tous les établissements de l'export sont retenus."
                      : "L'import est appliqué, sauf aux établissements retenus.")
            reportDetails(report)
            Paragraph("Si ces départs sont réels (des personnes qui ont vraiment quitté l'établissement), confirmez-les\u{A0}; sinon, "
                      + "abandonnez et demandez à l'académie un export complet.").class("muted")
            Div {
                EstablishmentPages.button("Confirmer les départs et importer", action: "\(ImportConsole.path)/envoi/\(upload)/application",
                                          csrf: context.csrf, style: "danger", hidden: [("departs", "confirmes")])
                Link("Abandonner", url: ImportConsole.path)
            }.class("actions")
        }
    }

    static func refused(_ refusal: AAFDelivery.Refusal, context: PageContext) -> Page {
        Page(title: "Export refusé", context: context) {
            Paragraph(refusal.description).class("alert")
            Paragraph("Rien n'a été écrit dans l'annuaire.")
            Paragraph { Link("← Imports", url: ImportConsole.path) }
        }
    }
}
