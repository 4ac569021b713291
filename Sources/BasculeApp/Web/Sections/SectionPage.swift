import BasculeDomain
import BasculeStorage
import Plot

/// « Rubriques »: the establishment's tree as the viewer may read it, and a section's page
/// with its publications and shared folders, and the forms of those who may write there.
enum SectionPage {
    static func path(uai: String, id: Int? = nil, _ rest: String = "") -> String {
        "/rubriques" + (id.map { "/\($0)" } ?? "") + rest + "?etablissement=\(uai)"
    }

    static func tree(_ sections: [SectionSummary], uai: String, administers: Bool, context: PageContext) -> Page {
        let ids = Set(sections.map(\.id))
        let children = Dictionary(grouping: sections, by: { $0.parent_id.flatMap { ids.contains($0) ? $0 : nil } ?? 0 })
        func branch(_ parent: Int) -> Component {
            guard let items = children[parent], !items.isEmpty else { return Text("") }
            return List(items) { section in
                ListItem {
                    Link(section.title, url: path(uai: uai, id: section.id))
                    if section.is_temporary && administers { Span(" temporaire").class("todo") }
                    branch(section.id)
                }
            }
        }
        return Page(title: "Rubriques", context: context) {
            if sections.isEmpty { Paragraph("Aucune rubrique ne vous est ouverte dans cet établissement.").class("muted") }
            branch(0)
            if administers { newSection(uai: uai, parentID: nil, csrf: context.csrf) }
        }
    }

    static func section(_ detail: SectionDetail, uai: String, context: PageContext) -> Page {
        let summary = detail.summary
        return Page(title: summary.title, context: context) {
            Node<HTML.BodyContext>.nav(
                .class("sub"), .attribute(named: "aria-label", value: "Rubrique"),
                .a(.href(path(uai: uai)), .text("Toutes les rubriques")),
                .if(detail.canManage, .a(.href(path(uai: uai, id: summary.id, "/parametres")),
                                         .text(detail.administers ? "Paramètres de la rubrique" : "Rôles de la rubrique")))
            )
            if detail.isArchived { Paragraph("Rubrique archivée, en lecture seule.").class("muted") }
            if summary.is_temporary && detail.canManage {
                Paragraph("Rubrique temporaire\u{A0}: elle sera archivée au changement d'année et ses publications quitteront la page d'accueil et le site public. Décochez « Rubrique temporaire » dans ses paramètres pour la garder.").class("alert")
            }
            H2("Publications")
            if detail.publications.isEmpty { Paragraph("Aucune publication.").class("muted") }
            for publication in detail.publications { self.publication(publication, uai: uai, sectionID: summary.id, detail: detail, context: context) }
            if detail.canContribute { publishForm(uai: uai, sectionID: summary.id, diffuses: detail.canManage, csrf: context.csrf) }
            H2("Dossiers partagés")
            if detail.folders.isEmpty { Paragraph("Aucun dossier partagé.").class("muted") }
            for folder in detail.folders {
                Div {
                    H3(folder.name)
                    if folder.documents.isEmpty { Paragraph("Dossier vide.").class("muted") }
                    List(folder.documents) { document in
                        let documentID = document["id"]?.int ?? 0
                        return ListItem {
                            Link(document["name"]?.string ?? "document", url: path(uai: uai, id: summary.id, "/documents/\(documentID)"))
                            if detail.canContribute {
                                Text(" — ")
                                Link("Supprimer…", url: path(uai: uai, id: summary.id, "/documents/\(documentID)/suppression"))
                            }
                        }
                    }
                    if detail.canContribute { uploadForm(uai: uai, sectionID: summary.id, folderID: folder.id, csrf: context.csrf) }
                }.class("card").id("dossier-\(folder.id)")
            }
            if detail.canContribute {
                Node<HTML.BodyContext>.form(
                    .action(path(uai: uai, id: summary.id, "/dossiers")), .method(.post), .class("card"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .label(.for("nom-dossier"), .text("Nouveau dossier partagé")),
                    .input(.type(.text), .id("nom-dossier"), .name("nom"), .required(true),
                           .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                    .button(.type(.submit), .class("secondary"), .text("Créer le dossier"))
                )
            }
            // The recycle bin and the archives are filled by the year change, not by hand.
            if detail.administers && !detail.isArchived && ![.recycleBin, .archives, .archive].contains(summary.sectionKind) {
                newSection(uai: uai, parentID: summary.id, csrf: context.csrf)
            }
        }
    }

    static func publication(_ publication: PublicationLine, uai: String, sectionID: Int, detail: SectionDetail, context: PageContext) -> Component {
        let diffusion = [publication.on_home_page ? "sur la page d'accueil" : nil, publication.on_public_site ? "sur le site public" : nil].compactMap { $0 }
        return Div {
            H3(publication.title)
            Paragraph(([publication.authorName, (try? CalendarDate(iso: publication.published_on)).map { "le \(French.date($0))" }]
                .compactMap { $0 }).joined(separator: ", ")
                + (diffusion.isEmpty ? "" : " — diffusée \(diffusion.joined(separator: " et "))")).class("muted")
            Paragraph(publication.body).class("session")
            if detail.administers || (detail.canContribute && publication.author_id == context.accountID) {
                Paragraph { Link("Supprimer…", url: path(uai: uai, id: sectionID, "/publications/\(publication.id)/suppression")) }
            }
        }.class("card")
    }

    /// `diffuses`: the section's managers and the administrators also put it on the home page or the public site.
    static func publishForm(uai: String, sectionID: Int, diffuses: Bool, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action(path(uai: uai, id: sectionID, "/publications")), .method(.post), .class("card"), .id("publier"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .h3(.text("Publier")),
            .label(.for("titre"), .text("Titre")),
            .input(.type(.text), .id("titre"), .name("titre"), .required(true), .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .label(.for("texte"), .text("Texte")),
            .textarea(.id("texte"), .name("texte"), .rows(6), .required(true)),
            .if(diffuses, .element(named: "fieldset", nodes: [.element(named: "legend", text: "Diffusion"),
                      .ul(.class("choices"),
                          .li(.input(.type(.checkbox), .id("accueil"), .name("accueil"), .value("oui")),
                              .label(.for("accueil"), .text(" Sur la page d'accueil de l'établissement"))),
                          .li(.input(.type(.checkbox), .id("site-public"), .name("site_public"), .value("oui")),
                              .label(.for("site-public"), .text(" Sur le site public"))))])),
            .button(.type(.submit), .text("Publier"))
        )
    }

    static func newSection(uai: String, parentID: Int?, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action(path(uai: uai)), .method(.post), .class("card"), .id("nouvelle-rubrique"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .unwrap(parentID) { .input(.type(.hidden), .name("parent"), .value(String($0))) },
            .h2(.text(parentID == nil ? "Nouvelle rubrique" : "Nouvelle sous-rubrique")),
            .label(.for("titre-rubrique"), .text("Titre")),
            .input(.type(.text), .id("titre-rubrique"), .name("titre"), .required(true),
                   .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .p(.input(.type(.checkbox), .id("temporaire-nouvelle"), .name("temporaire"), .value("oui")),
               .label(.for("temporaire-nouvelle"), .class("inline"), .text(" Rubrique temporaire (archivée au changement d'année)"))),
            .button(.type(.submit), .text("Créer la rubrique"))
        )
    }

    /// The form that deposits files in a shared folder (streamed to the store).
    static func uploadForm(uai: String, sectionID: Int, folderID: Int, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action(path(uai: uai, id: sectionID, "/dossiers/\(folderID)/documents")), .method(.post), .enctype(.multipartData),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .label(.for("fichiers-\(folderID)"), .text("Déposer des documents")),
            .input(.type(.file), .id("fichiers-\(folderID)"), .name("fichiers"), .attribute(named: "multiple", value: "multiple"),
                   .required(true)),
            .p(.class("muted"), .text("\(BoxWebRoutes.maxBytes >> 20)\u{A0}Mo au plus par envoi.")),
            .button(.type(.submit), .class("secondary"), .text("Déposer"))
        )
    }
}
