import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// The pages of a timetable upload: the form, the dry run's report with its two buttons, a refusal.
enum TimetableUploadPage {
    static func form(uai: String, name: String, context: PageContext) -> Page {
        Page(title: "Importer un emploi du temps", context: context) {
            Paragraph("\(name) (\(uai))").class("muted")
            Paragraph { Link("Retour à l'emploi du temps de l'établissement", url: EstablishmentPages.path(uai, "emploi-du-temps")) }
            Paragraph("L'export de votre logiciel d'emploi du temps\u{A0}: EDT ou PRONOTE (le fichier chiffré pour l'ENT, ou "
                      + "l'export en clair), l'archive ZIP d'UnDeuxTemps, ou le fichier emp_sts pour STS-Web. L'import est d'abord "
                      + "essayé\u{A0}: rien n'est écrit avant que vous ne l'appliquiez. Les semaines déjà passées ne changent pas.").class("muted")
            Node<HTML.BodyContext>.form(
                .action(EstablishmentPages.path(uai, "emploi-du-temps/import")), .method(.post),
                .attribute(named: "enctype", value: "multipart/form-data"),
                .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                .label(.for("export"), "Fichier de l'emploi du temps"),
                .input(.type(.file), .name("export"), .id("export"), .attribute(named: "accept", value: ".xml,.zip"), .required(true)),
                .div(.class("actions"), .button(.type(.submit), .text("Envoyer et essayer l'import")))
            )
        }
    }

    static func dryRun(_ report: TimetableImportReport, upload: String, uai: String, context: PageContext) -> Page {
        Page(title: "Essai de l'import de l'emploi du temps", context: context) {
            TimetableAdminPage.reportBody(report)
            H2("Appliquer")
            Paragraph(report.changesSomething ? "Appliquer écrit exactement ce que l'essai a montré."
                      : "Ce fichier ne change rien à l'emploi du temps en place.").class(report.changesSomething ? "todo" : "done")
            Div {
                EstablishmentPages.button("Appliquer l'import", action: EstablishmentPages.path(uai, "emploi-du-temps/import/\(upload)/application"),
                                          csrf: context.csrf)
                Paragraph { Link("Abandonner", url: EstablishmentPages.path(uai, "emploi-du-temps")) }
            }.class("actions")
        }
    }

    static func refused(_ sentence: String, uai: String, context: PageContext) -> Page {
        Page(title: "Fichier refusé", context: context) {
            Paragraph(sentence).class("alert")
            Paragraph("Rien n'a été écrit.")
            Paragraph { Link("Envoyer un autre fichier", url: EstablishmentPages.path(uai, "emploi-du-temps/import")) }
        }
    }
}
