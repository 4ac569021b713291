import BasculeDomain
import BasculeStorage
import Plot

/// « Porte-documents »: a folder's subfolders and files, each with its actions folded under
/// « Modifier » (rename, move, delete), the form that deposits files and the one that makes a
/// folder.
enum BoxPage {
    /// The value of « destination » that names the top of the box.
    static let top = "racine"

    static func path(_ folderID: Int?) -> String {
        "/porte-documents" + (folderID.map { "?dossier=\($0)" } ?? "")
    }

    static func listing(_ listing: BoxStore.Listing, maxBytes: Int, context: PageContext) -> Page {
        let title = listing.folder.map { "Porte-documents — \($0.name)" } ?? "Porte-documents"
        return Page(title: title, context: context) {
            Node<HTML.BodyContext>.nav(
                .class("sub"), .attribute(named: "aria-label", value: "Chemin du dossier"),
                .a(.href(path(nil)), .if(listing.folder == nil, .attribute(named: "aria-current", value: "page")), .text("Porte-documents")),
                .forEach(listing.path) { folder in
                    .a(.href(path(folder.id)), .if(folder.id == listing.folder?.id, .attribute(named: "aria-current", value: "page")),
                       .text(folder.name))
                }
            )
            Div {
                if listing.folders.isEmpty && listing.documents.isEmpty {
                    Paragraph(listing.folder == nil ? "Votre porte-documents est vide." : "Ce dossier est vide.").class("muted")
                }
                List(listing.folders) { folder in
                    ListItem {
                        Link("\u{1F4C1} \(folder.name)", url: path(folder.id))
                        actions(for: .folder(folder), listing: listing, csrf: context.csrf)
                    }.id("dossier-\(folder.id)")
                }.class("box")
                List(listing.documents) { document in
                    ListItem {
                        Link(document.name, url: "/porte-documents/fichiers/\(document.id)")
                            .attribute(named: "download", value: "")
                        Text(" — \(French.bytes(document.byte_count)), déposé le \(AccessClosed.french(document.added_on))")
                        actions(for: .document(document), listing: listing, csrf: context.csrf)
                    }.id("fichier-\(document.id)")
                }.class("box")
            }.id("contenu-dossier")
            if !listing.folders.isEmpty || !listing.documents.isEmpty {
                Paragraph {
                    Link(listing.folder == nil ? "Télécharger tout le porte-documents (ZIP)" : "Télécharger ce dossier (ZIP)",
                         url: "/porte-documents/zip" + (listing.folder.map { "?dossier=\($0.id)" } ?? ""))
                }
            }
            uploadForm(into: listing.folder?.id, maxBytes: maxBytes, csrf: context.csrf)
            folderForm(in: listing.folder?.id, csrf: context.csrf)
        }
    }

    enum Item {
        case folder(BoxStore.Folder)
        case document(BoxStore.Document)

        var route: String {
            switch self {
            case .folder(let folder): "/porte-documents/dossiers/\(folder.id)"
            case .document(let document): "/porte-documents/fichiers/\(document.id)"
            }
        }

        var key: String {
            switch self {
            case .folder(let folder): "dossier-\(folder.id)"
            case .document(let document): "fichier-\(document.id)"
            }
        }

        var name: String {
            switch self {
            case .folder(let folder): folder.name
            case .document(let document): document.name
            }
        }
    }

    /// Rename, move and delete, folded so that the list stays readable on a phone.
    static func actions(for item: Item, listing: BoxStore.Listing, csrf: String) -> Component {
        var destinations: [(String, String)] = [(top, "Porte-documents (premier niveau)")]
        let excluded: Set<Int> = if case .folder(let folder) = item { descendants(of: folder.id, in: listing.allFolders) } else { [] }
        destinations += listing.allFolders.filter { !excluded.contains($0.id) && $0.id != listing.folder?.id }
            .map { (String($0.id), $0.name) }
        if listing.folder == nil { destinations.removeFirst() }
        return Node<HTML.BodyContext>.element(named: "details", nodes: [
            .element(named: "summary", text: "Modifier"),
            .form(.action(item.route + "/nom"), .method(.post), .class("actions"),
                  .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                  .label(.for("nom-\(item.key)"), .class("visually-hidden"), .text("Nouveau nom")),
                  .input(.type(.text), .id("nom-\(item.key)"), .name("nom"), .required(true), .value(item.name.xmlEscaped),
                         .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                  .button(.type(.submit), .class("secondary"), .text("Renommer"))),
            .if(!destinations.isEmpty, .form(
                .action(item.route + "/deplacement"), .method(.post), .class("actions"),
                .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                .label(.for("destination-\(item.key)"), .class("visually-hidden"), .text("Déplacer vers")),
                .element(named: "select", nodes: [.attribute(named: "id", value: "destination-\(item.key)"),
                                                  .attribute(named: "name", value: "destination")]
                         + destinations.map { value, text in .element(named: "option", nodes: [.attribute(named: "value", value: value), .text(text)]) }),
                .button(.type(.submit), .class("secondary"), .text("Déplacer")))),
            .p(.a(.href(item.route + "/suppression"), .text("Supprimer…"))),
        ])
    }

    /// A folder and all the folders under it.
    static func descendants(of id: Int, in folders: [BoxStore.Folder]) -> Set<Int> {
        var inside: Set<Int> = [id]
        while true {
            let more = folders.filter { $0.parent_id.map(inside.contains) ?? false && !inside.contains($0.id) }.map(\.id)
            if more.isEmpty { return inside }
            inside.formUnion(more)
        }
    }

    static func uploadForm(into folderID: Int?, maxBytes: Int, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action("/porte-documents/fichiers"), .method(.post), .enctype(.multipartData), .class("card"), .id("envoi"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .unwrap(folderID) { .input(.type(.hidden), .name("dossier"), .value(String($0))) },
            .h2(.text("Déposer des fichiers")),
            .label(.for("fichiers"), .text("Fichiers")),
            .input(.type(.file), .id("fichiers"), .name("fichiers"), .attribute(named: "multiple", value: "multiple"),
                   .required(true), .attribute(named: "aria-describedby", value: "fichiers-aide")),
            .p(.id("fichiers-aide"), .class("muted"), .text("\(maxBytes >> 20)\u{A0}Mo au plus par envoi.")),
            .button(.type(.submit), .text("Déposer"))
        )
    }

    static func folderForm(in parentID: Int?, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action("/porte-documents/dossiers"), .method(.post), .class("card"), .id("nouveau-dossier"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
            .unwrap(parentID) { .input(.type(.hidden), .name("parent"), .value(String($0))) },
            .h2(.text(parentID == nil ? "Nouveau dossier" : "Nouveau sous-dossier")),
            .label(.for("nom"), .text("Nom du dossier")),
            .input(.type(.text), .id("nom"), .name("nom"), .required(true), .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
            .button(.type(.submit), .text("Créer le dossier"))
        )
    }

    static func confirmDeletion(folder: BoxStore.Folder, size: (folders: Int, documents: Int), context: PageContext) -> Page {
        let content = size.folders + size.documents == 0 ? "Le dossier est vide."
            : "Il contient \([size.folders > 0 ? French.count(size.folders, "sous-dossier") : nil, size.documents > 0 ? French.count(size.documents, "fichier") : nil].compactMap { $0 }.joined(separator: " et ")), \(French.agreeing(size.folders + size.documents, "qui sera supprimé", "qui seront supprimés")) avec lui."
        return ConfirmationPage.deletion(title: "Supprimer le dossier « \(folder.name) »\u{A0}?", explanation: content,
                                          action: "/porte-documents/dossiers/\(folder.id)/suppression",
                                          back: path(folder.parent_id), backLabel: "Non, revenir au porte-documents", context: context)
    }

    static func confirmDeletion(document: BoxStore.Document, context: PageContext) -> Page {
        ConfirmationPage.deletion(title: "Supprimer le fichier « \(document.name) »\u{A0}?",
                                   explanation: "\(French.bytes(document.byte_count)), déposé le \(AccessClosed.french(document.added_on)). Il ne pourra pas être récupéré.",
                                   action: "/porte-documents/fichiers/\(document.id)/suppression",
                                   back: path(document.folder_id), backLabel: "Non, revenir au porte-documents", context: context)
    }
}
