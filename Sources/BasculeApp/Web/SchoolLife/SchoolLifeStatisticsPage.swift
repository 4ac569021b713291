import BasculeDomain
import BasculeStorage
import Plot

/// « Statistiques »: the year's absences, punishments and sanctions that the guide asks the
/// establishment to save, for a class and a period, as tables.
enum SchoolLifeStatisticsPage {
    static func page(_ statistics: SchoolLifeStatistics, scope: SchoolLifeStatistics.Scope, classes: [(id: Int, code: String)],
                     menu: SchoolLifeMenu, context: PageContext) -> Page {
        Page(title: "Statistiques de vie scolaire \(statistics.year)", context: context) {
            menu.component(current: "statistiques")
            PeriodFilter.form(action: "/vie-scolaire/statistiques", uai: menu.uai, classes: classes, classID: scope.classID,
                              from: scope.from, to: scope.to)
            Paragraph("\(French.count(statistics.absences, "absence ou retard", "absences ou retards")), dont "
                      + "\(French.count(statistics.justifiedAbsences, "justifiée", "justifiées")).")
                .attribute(named: "role", value: "status")
            table("Absences par motif", "Motif", statistics.absencesByReason)
            table("Absences par classe", "Classe", statistics.absencesByClass)
            table("Punitions par type", "Type", statistics.punishmentsByType)
            table("Sanctions par nature", "Nature", statistics.sanctionsByKind.map {
                .init(label: SanctionKind(rawValue: $0.label)?.label ?? $0.label, count: $0.count)
            })
        }
    }

    static func table(_ caption: String, _ header: String, _ counts: [SchoolLifeStatistics.Count]) -> Component {
        guard !counts.isEmpty else {
            return Div { H2(caption); Paragraph("Aucune.").class("muted") }
        }
        return Node<HTML.BodyContext>.table(
            .caption(.text(caption)),
            .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text(header)),
                       .th(.attribute(named: "scope", value: "col"), .text("Nombre")))),
            .tbody(.forEach(counts) { count in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(count.label)), .td(.text(String(count.count))))
            })
        )
    }
}
