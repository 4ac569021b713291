import BasculeDomain
import BasculeStorage
import Fluent
import Plot

/// The home page: what the viewer is in each establishment this year, and the classes and
/// groups that go with it.
enum HomePage {
    struct Section {
        let title: String
        let uai: String?
        /// The establishment's own year (the next one as soon as its change is done).
        var year: SchoolYearName?
        var lines: [(label: String, items: [String])]
        /// Administrators and heads get the way to the year-change dashboard.
        var administers = false
        /// What the establishment diffuses on its members' home page.
        var publications: [PublicationLine] = []
    }

    static func sections(for viewer: Viewer, db: any Database) async throws -> [Section] {
        let queries = DirectoryQueries(db: db)
        var sections: [Section] = []
        if viewer.isOperator {
            let establishments = try await DirectoryStore(viewer: viewer, db: db).establishments()
            sections.append(Section(title: "Opérateur de la plateforme", uai: nil, lines: [
                ("Établissements (\(establishments.count))", establishments.map { "\($0.uai.code) — \($0.name)" }),
            ]))
        }
        for establishment in viewer.establishments {
            guard let year = viewer.year(in: establishment.id) else { continue }
            let yearID = year.id
            var section = Section(title: establishment.name, uai: establishment.uai, year: year.name, lines: [],
                                  administers: viewer.administers(establishment.id))
            section.publications = try await SectionStore(viewer: viewer, db: db).onHomePage(of: establishment.id)
            let kinds = viewer.kinds(in: establishment.id)
            section.lines.append(("Profils", ProfileKind.allCases.filter(kinds.contains).map(\.label)))
            if kinds.contains(.student) {
                section.lines.append(("Mes classes", try await queries.classes(ofStudent: viewer.accountID, yearID: yearID).map(\.code)))
                section.lines.append(("Mes groupes", try await queries.groups(ofMember: viewer.accountID, yearID: yearID).map(\.name)))
            }
            if kinds.contains(.parent) {
                var children: [String] = []
                for child in try await queries.children(ofParent: viewer.accountID, yearID: yearID) {
                    let classes = try await queries.classes(ofStudent: child.requireID(), yearID: yearID).map(\.code)
                    children.append("\(child.displayName) — \(classes.isEmpty ? "sans classe" : classes.joined(separator: ", "))")
                }
                section.lines.append(("Mes enfants", children))
            }
            if kinds.contains(.teacher) {
                let taught = try await queries.teaching(of: viewer.accountID, yearID: yearID).map { assignment in
                    "\(assignment.schoolClass?.code ?? assignment.group?.name ?? "?") — \(assignment.subject.label.capitalized)"
                }
                section.lines.append(("Mes enseignements", taught.sorted()))
            }
            if kinds.contains(where: \.isPersonnel) {
                let students = try await queries.profileCount(of: establishment.id, yearID: yearID, kind: .student)
                let teachers = try await queries.profileCount(of: establishment.id, yearID: yearID, kind: .teacher)
                section.lines.append(("Effectifs", ["\(students) élèves", "\(teachers) enseignants"]))
                section.lines.append(("Classes", try await queries.classes(of: establishment.id, yearID: yearID).map(\.code)))
                section.lines.append(("Groupes", try await queries.groups(of: establishment.id, yearID: yearID).map(\.name)))
            }
            sections.append(section)
        }
        return sections
    }

    /// What the home page shows besides the establishments: the communications not yet read
    /// (each until its recipient says they read it) and one's favourites.
    struct Personal {
        var communications: [TargetedMessageStore.Received] = []
        var favourites: [FavouriteStore.Favourite] = []
    }

    static func page(viewer: Viewer, sections: [Section], personal: Personal = Personal(), context: PageContext) -> Page {
        Page(title: "Bonjour \(viewer.displayName)", context: context) {
            if let year = viewer.ownYear {
                Paragraph("Année scolaire \(year.name)").class("muted")
            } else {
                Paragraph("Aucune année scolaire n'est en cours.").class("alert")
            }
            if !personal.communications.isEmpty {
                Div {
                    H2("Communications à lire")
                    for message in personal.communications { CommunicationPage.card(message, csrf: context.csrf) }
                    Paragraph { Link("Toutes mes communications", url: "/communications") }
                }.id("communications")
            }
            if !personal.favourites.isEmpty {
                Node<HTML.BodyContext>.nav(
                    .class("sub"), .attribute(named: "aria-label", value: "Mes favoris"),
                    .forEach(personal.favourites) { favourite in
                        .a(.href(favourite.url.xmlEscaped), .if(!favourite.url.hasPrefix("/"), .attribute(named: "rel", value: "noopener noreferrer")),
                           .text(favourite.title))
                    },
                    .a(.href("/favoris"), .text("Gérer mes favoris"))
                )
            }
            if sections.isEmpty {
                Paragraph("Votre compte n'a aucun profil dans un établissement cette année.")
            }
            for section in sections {
                Div {
                    H2(section.title)
                    if let year = section.year, year != viewer.ownYear?.name {
                        Paragraph("Année scolaire \(year) dans cet établissement").class("muted")
                    }
                    if section.uai == nil {
                        Paragraph { Link("Console de l'opérateur", url: "/console") }
                    }
                    if let uai = section.uai {
                        Paragraph { Link("Page publique (\(uai))", url: "/etablissements/\(uai)") }
                        Paragraph { Link("Archives (année précédente)", url: "/etablissements/\(uai)/archives") }
                        if section.administers {
                            Paragraph { Link("Changement d'année", url: "/etablissements/\(uai)/changement-d-annee") }
                        }
                    }
                    for publication in section.publications { PublicationCard(publication: publication) }
                    for line in section.lines {
                        H3(line.label)
                        if line.items.isEmpty {
                            Paragraph("Aucun").class("muted")
                        } else {
                            List(line.items)
                        }
                    }
                }.class("card")
            }
        }
    }
}
