import BasculeDomain
import BasculeStorage
import Plot
import Vapor

/// « Emploi du temps » of an establishment, for its administrators (and the operator): the
/// timetable in place, its mode, the guide's end-of-year trap defused, the mappings of the
/// file's names, and the import history with each import's report.
enum TimetableAdminPage {
    struct Content {
        let uai: String
        let name: String
        let overview: TimetableStore.Overview
        let history: [TimetableHistory.Entry]
        let mappings: [TimetableMapping]
        let endings: TimetableEndingMemberships
        let changeDate: CalendarDate
    }

    static func page(_ content: Content, context: PageContext) -> Page {
        let uai = content.uai
        return Page(title: "Emploi du temps de l'établissement", context: context) {
            Paragraph("\(content.name) (\(uai))").class("muted")
            EstablishmentPages.nav(uai)
            current(content)
            modeSection(content.overview.mode, uai: uai, csrf: context.csrf)
            trapSection(content, csrf: context.csrf)
            mappingSection(content, csrf: context.csrf)
            historySection(content.history, uai: uai)
            Div {
                H2("Importer un emploi du temps")
                Paragraph("Un export d'EDT / PRONOTE, d'UnDeuxTemps ou de STS-Web\u{A0}: un essai montre d'abord ce qui changera.")
                Paragraph { Link("Importer un fichier", url: EstablishmentPages.path(uai, "emploi-du-temps/import")) }
            }.class("card").id("import")
        }
    }

    static func current(_ content: Content) -> Component {
        Div {
            H2("Emploi du temps en place")
            if let calendar = content.overview.calendar {
                Paragraph("Du \(French.longDate(calendar.startsOn)) au \(French.longDate(calendar.endsOn)), semaine 1 le \(French.longDate(calendar.firstWeekMonday)).")
                Paragraph("\(French.count(content.overview.courseCount, "cours", "cours")) dans l'emploi du temps.")
                if let last = content.history.first(where: { !$0.isDryRun }) {
                    Paragraph("Source\u{A0}: \(last.report.source.description), fichier « \(last.fileName) » importé le \(AccessClosed.french(last.startedAt)).")
                }
            } else {
                Paragraph("Aucun emploi du temps importé pour cette année.").class("alert")
            }
        }.class("card")
    }

    static func modeSection(_ mode: TimetableMode, uai: String, csrf: String) -> Component {
        Div {
            H2("Mode d'alimentation des groupes")
            Paragraph("Mode actuel\u{A0}: \(mode.label)")
            Node<HTML.BodyContext>.form(
                .action(EstablishmentPages.path(uai, "emploi-du-temps/mode")), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .fieldset(
                    .element(named: "legend", text: "Changer de mode"),
                    .ul(.class("choices"), .forEach(TimetableMode.allCases) { choice in
                        .li(.input(.type(.radio), .name("mode"), .value(String(choice.number)), .id("mode-\(choice.number)"),
                                   .checked(choice == mode)),
                            .label(.for("mode-\(choice.number)"), .text(" " + choice.label)))
                    })
                ),
                .button(.type(.submit), .text("Voir ce que le changement retire"))
            )
        }.class("card").id("mode")
    }

    /// The page that asks to confirm a change of mode, after saying what it removes.
    static func confirmation(_ mode: TimetableMode, impact: TimetableModeImpact, uai: String, context: PageContext) -> Page {
        Page(title: "Changer de mode d'alimentation", context: context) {
            Paragraph("Nouveau mode\u{A0}: \(mode.label)")
            if impact.removesSomething {
                Paragraph("Ce changement retire\u{A0}:").class("alert")
                List {
                    ListItem("\(French.count(impact.groups, "groupe")) de l'emploi du temps")
                    ListItem("\(French.count(impact.memberships, "inscription")) d'élèves dans ces groupes")
                    ListItem("\(French.count(impact.courseAudiences, "cours", "cours")) qui "
                             + French.agreeing(impact.courseAudiences, "ne s'adressera plus à ces groupes", "ne s'adresseront plus à ces groupes"))
                }
            } else {
                Paragraph("Ce changement ne retire rien.")
            }
            EstablishmentPages.button("Confirmer le changement de mode", action: EstablishmentPages.path(uai, "emploi-du-temps/mode"),
                                      csrf: context.csrf, style: impact.removesSomething ? "danger" : nil,
                                      hidden: [("mode", String(mode.number)), ("confirmer", "oui")])
            Paragraph { Link("Annuler", url: EstablishmentPages.path(uai, "emploi-du-temps")) }
        }
    }

    /// The mode-2 trap: memberships the timetable ends before the change date.
    static func trapSection(_ content: Content, csrf: String) -> Component {
        Div {
            H2("Inscriptions que l'emploi du temps termine avant le changement d'année")
            endingsSummary(content.endings)
            if let kept = content.overview.keepMembershipsUntil {
                Paragraph("Les inscriptions sont gardées jusqu'au \(French.date(kept)), à chaque import.").class("done")
            }
            Node<HTML.BodyContext>.form(
                .action(EstablishmentPages.path(content.uai, "emploi-du-temps/garder")), .method(.post),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .label(.for("garder-date"), .text("Garder les inscriptions jusqu'au")),
                .input(.type(.date), .name("date"), .id("garder-date"), .value(content.changeDate.iso)),
                .p(.class("muted"), .text("Par défaut, la date du changement d'année (\(French.date(content.changeDate))). Les cours ne changent pas.")),
                .button(.type(.submit), .text("Garder les inscriptions"))
            )
        }.class("card").id("inscriptions")
    }

    /// « 3 élèves quittent … » with what it empties; shared with the year-change dashboard.
    static func endingsSummary(_ endings: TimetableEndingMemberships) -> Component {
        guard !endings.isEmpty else {
            return Paragraph("Aucune inscription ne se termine avant le \(French.date(endings.before)).").class("done")
        }
        let students = endings.students
        return Div {
            Paragraph("\(French.count(students, "élève")) \(French.agreeing(students, "quittera", "quitteront")) "
                      + "\(French.agreeing(students, "sa classe ou son groupe", "leurs classes ou leurs groupes")) avant le \(French.date(endings.before))"
                      + (endings.earliestEnd.map { ", dès le \(French.date($0))" } ?? "") + ".").class("alert")
            List {
                ListItem(French.count(endings.classes, "classe") + " et " + French.count(endings.groups, "groupe") + " concernés")
                ListItem("\(French.count(endings.logbookSessions, "séance")) de cahier de textes que ces élèves ne verront plus")
                ListItem("\(French.count(endings.mailContacts, "enseignant")) qui \(French.agreeing(endings.mailContacts, "disparaîtra", "disparaîtront")) de leurs contacts de messagerie")
            }
        }
    }

    static func mappingSection(_ content: Content, csrf: String) -> Component {
        let mapped = Set(content.mappings.map { "\($0.kind.rawValue)|\($0.source)" })
        let unmatched = content.history.first(where: { !$0.isDryRun })?.report.unmatched
            .filter { !mapped.contains("\($0.kind.rawValue)|\($0.source)") } ?? []
        return Div {
            H2("Correspondances")
            Paragraph("Les noms du fichier que l'annuaire ne reconnaît pas\u{A0}: associez chacun à une entrée de l'annuaire (code de classe, de groupe ou de matière, numéro de compte), ou ignorez-le. La correspondance sert à chaque import suivant.").class("muted")
            if unmatched.isEmpty {
                Paragraph("Aucun nom sans correspondance au dernier import.")
            } else {
                unmatchedTable(unmatched, caption: "Noms sans correspondance au dernier import") { index, entry in
                    mappingForm(kind: entry.kind, source: entry.source, uai: content.uai, csrf: csrf, index: index)
                }
            }
            if !content.mappings.isEmpty {
                Table(caption: TableCaption("Correspondances enregistrées"), header: TableRow {
                    TableHeaderCell("Type")
                    TableHeaderCell("Nom dans le fichier")
                    TableHeaderCell("Dans l'annuaire")
                }) {
                    for mapping in content.mappings {
                        TableRow {
                            TableCell(mapping.kind.label)
                            TableCell(mapping.source)
                            TableCell(mapping.target ?? "ignoré")
                        }
                    }
                }
            }
        }.class("card").id("correspondances")
    }

    static func mappingForm(kind: TimetableMappingKind, source: String, uai: String, csrf: String, index: Int) -> Component {
        Node<HTML.BodyContext>.form(
            .action(EstablishmentPages.path(uai, "emploi-du-temps/correspondances")), .method(.post),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
            .input(.type(.hidden), .name("source"), .value(source.xmlEscaped)),
            .label(.for("cible-\(index)"), .text("Correspond à")),
            .input(.type(.text), .name("target"), .id("cible-\(index)")),
            .div(.class("actions"),
                 .button(.type(.submit), .text("Associer")),
                 .button(.type(.submit), .name("ignorer"), .value("oui"), .class("secondary"), .text("Ignorer")))
        )
    }

    static func historySection(_ history: [TimetableHistory.Entry], uai: String) -> Component {
        Div {
            H2("Historique des imports")
            if history.isEmpty {
                Paragraph("Aucun import pour l'instant.").class("muted")
            } else {
                List(history) { entry in
                    ListItem {
                        Link("\(AccessClosed.french(entry.startedAt)) — \(entry.fileName)",
                             url: EstablishmentPages.path(uai, "emploi-du-temps/imports/\(entry.id)"))
                        Text(entry.isDryRun ? " (essai)" : " (appliqué)")
                    }
                }
            }
        }.class("card").id("historique")
    }

    /// One import's report: per kind, what became of the file's entries, and every name unmatched.
    static func report(_ entry: TimetableHistory.Entry, uai: String, context: PageContext) -> Page {
        let report = entry.report
        return Page(title: "Import de l'emploi du temps du \(AccessClosed.french(entry.startedAt))", context: context) {
            Paragraph { Link("Retour à l'emploi du temps de l'établissement", url: EstablishmentPages.path(uai, "emploi-du-temps")) }
            reportBody(report)
        }
    }

    /// What an import (applied or tried) did, kind by kind, and the names it did not match.
    static func reportBody(_ report: TimetableImportReport) -> Component {
        Div {
            Paragraph("Fichier « \(report.fileName) » — \(report.source.description) — \(report.mode.label)")
            Paragraph(report.isDryRun ? "Essai\u{A0}: rien n'a été écrit." : "Import appliqué.").class(report.isDryRun ? "todo" : "done")
            Paragraph("Année de l'emploi du temps\u{A0}: du \(French.date(report.startsOn)) au \(French.date(report.endsOn)).")
            Table(caption: TableCaption("Par type\u{A0}: entrées du fichier et ce qu'elles sont devenues"), header: TableRow {
                TableHeaderCell("Type")
                TableHeaderCell("Dans le fichier")
                TableHeaderCell("Reconnus")
                TableHeaderCell("Créés")
                TableHeaderCell("Modifiés")
                TableHeaderCell("Inchangés")
                TableHeaderCell("Retirés")
                TableHeaderCell("Sans correspondance")
            }) {
                for line in report.lines {
                    TableRow {
                        TableCell(line.kind.label)
                        for n in [line.inFile, line.matched, line.created, line.updated, line.unchanged, line.removed, line.unmatched] {
                            TableCell(String(n))
                        }
                    }
                }
            }
            for note in report.notes { Paragraph(note).class("muted") }
            H2("Sans correspondance")
            if report.unmatched.isEmpty {
                Paragraph("Tout le fichier a trouvé sa correspondance dans l'annuaire.").class("done")
            } else {
                unmatchedTable(report.unmatched, caption: "Noms du fichier sans correspondance, et ce qui a été comparé")
            }
        }
    }

    /// The file's names that met nothing, with what was compared, and a form per name when given.
    static func unmatchedTable(_ entries: [TimetableImportReport.Unmatched], caption: String,
                               form: ((Int, TimetableImportReport.Unmatched) -> Component)? = nil) -> Component {
        Table(caption: TableCaption(caption), header: TableRow {
            TableHeaderCell("Type")
            TableHeaderCell("Nom dans le fichier")
            TableHeaderCell("Comparé")
            if form != nil { TableHeaderCell("Correspondance") }
        }) {
            for (index, entry) in entries.enumerated() {
                TableRow {
                    TableCell(entry.kind.label)
                    TableCell(entry.source)
                    TableCell(entry.compared)
                    if let form { TableCell { form(index, entry) } }
                }
            }
        }
    }
}
