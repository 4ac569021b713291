import BasculeDomain
import BasculeStorage
import Plot

/// « Paramètres » of school life, kept from one year to the next: the lists of reasons and
/// types, each with an addition form and its deletions (confirmed), and the roll call's deadlines.
enum SchoolLifeSettingsPage {
    typealias Setting = SchoolLifeSettingsStore.List

    static func path(uai: String) -> String { SchoolLifeMenu.path("parametres", uai: uai) }

    static func path(_ list: Setting, id: Int? = nil, uai: String, _ rest: String = "") -> String {
        "/vie-scolaire/parametres/\(slug(list))" + (id.map { "/\($0)" } ?? "") + rest + "?etablissement=\(uai)"
    }

    static func slug(_ list: Setting) -> String {
        switch list {
        case .absenceReasons: "motifs-absence"
        case .absenceActions: "actions-absence"
        case .punishmentTypes: "types-punition"
        case .punishmentReasons: "motifs-punition"
        case .sanctionReasons: "motifs-sanction"
        }
    }

    static func list(slug: String) -> Setting? { Setting.allCases.first { self.slug($0) == slug } }

    static func title(_ list: Setting) -> String {
        switch list {
        case .absenceReasons: "Motifs d'absence"
        case .absenceActions: "Actions sur les absences"
        case .punishmentTypes: "Types de punition"
        case .punishmentReasons: "Motifs de punition"
        case .sanctionReasons: "Motifs de sanction"
        }
    }

    static func page(lists: [(Setting, [SchoolLifeSettingsStore.Entry])], rollCall: SchoolLifeSettingsStore.RollCall?,
                     mayWrite: Bool, menu: SchoolLifeMenu, context: PageContext) -> Page {
        Page(title: "Paramètres de la vie scolaire", context: context) {
            menu.component(current: "parametres")
            Paragraph("Ces paramètres sont conservés d'une année scolaire à l'autre.").class("muted")
            rollCallForm(rollCall, mayWrite: mayWrite, uai: menu.uai, csrf: context.csrf)
            for (list, entries) in lists {
                Div {
                    H2(title(list))
                    if entries.isEmpty { Paragraph("Aucun élément.").class("muted") }
                    List(entries) { entry in
                        ListItem {
                            Text(entry.label + (entry.code.map { " (\($0))" } ?? "")
                                 + (entry.is_justified == true ? " — justifie l'absence" : ""))
                            if mayWrite {
                                Text(" ")
                                Link("Supprimer", url: path(list, id: entry.id, uai: menu.uai, "/suppression"))
                            }
                        }
                    }
                    if mayWrite { addForm(list, uai: menu.uai, csrf: context.csrf) }
                }.class("card").id(slug(list))
            }
        }
    }

    static func addForm(_ list: Setting, uai: String, csrf: String) -> Component {
        let prefix = slug(list)
        return Node<HTML.BodyContext>.form(
            .action(path(list, uai: uai)), .method(.post), .class("actions"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .label(.for("\(prefix)-libelle"), .text("Libellé")),
            .input(.type(.text), .id("\(prefix)-libelle"), .name("libelle"), .required(true),
                   .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .if(list.hasCode, .group(
                .label(.for("\(prefix)-code"), .text("Code")),
                .input(.type(.text), .id("\(prefix)-code"), .name("code"), .required(true), .attribute(named: "maxlength", value: "20")),
                .label(.class("choice"), .input(.type(.checkbox), .name("justifie"), .value("1")), .text(" Justifie l'absence"))
            )),
            .button(.type(.submit), .text("Ajouter"))
        )
    }

    static func rollCallForm(_ settings: SchoolLifeSettingsStore.RollCall?, mayWrite: Bool, uai: String, csrf: String) -> Component {
        let deadline = settings?.entry_deadline_minutes ?? 0, late = settings?.late_after_minutes ?? 0
        guard mayWrite else {
            return Div {
                H2("Appel")
                Paragraph(deadline == 0 ? "L'appel se saisit sans délai limite." : "L'appel se saisit jusqu'à \(French.count(deadline, "minute")) après la fin du cours.")
            }.class("card")
        }
        return Node<HTML.BodyContext>.form(
            .action("/vie-scolaire/parametres/appel?etablissement=\(uai)"), .method(.post), .class("card"), .id("appel"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .h2(.text("Appel")),
            .label(.for("delai"), .text("Délai de saisie après la fin du cours, en minutes (0\u{A0}: sans délai)")),
            .input(.type(.number), .id("delai"), .name("delai"), .value(String(deadline)), .attribute(named: "min", value: "0"),
                   .attribute(named: "max", value: "1440")),
            .label(.for("retard"), .text("Retard à partir de, en minutes après le début du cours")),
            .input(.type(.number), .id("retard"), .name("retard"), .value(String(late)), .attribute(named: "min", value: "0"),
                   .attribute(named: "max", value: "1440")),
            .label(.class("choice"), .input(.type(.checkbox), .name("prevenir"), .value("1"), .checked(settings?.notify_parents ?? false)),
                   .text(" Prévenir les parents des absences")),
            .button(.type(.submit), .text("Enregistrer"))
        )
    }
}
