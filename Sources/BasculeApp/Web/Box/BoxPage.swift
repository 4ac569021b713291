import BasculeDomain
import BasculeStorage
import Foundation
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
                    .group(.span(.attribute(named: "aria-hidden", value: "true"), .text("›")),
                           .a(.href(path(folder.id)), .if(folder.id == listing.folder?.id, .attribute(named: "aria-current", value: "page")),
                              .text(folder.name)))
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

        /// The folder it is in (nil: the top of the box).
        var container: Int? {
            switch self {
            case .folder(let folder): folder.parent_id
            case .document(let document): document.folder_id
            }
        }

        /// « Dossier », « Fichier »: what the notices call it (both masculine).
        var label: String {
            switch self {
            case .folder: "Dossier"
            case .document: "Fichier"
            }
        }

        /// Its row in its folder's listing, where the notices about it are shown.
        var place: String { BoxPage.path(container) + "#\(key)" }
    }

    /// Rename, move and delete, folded so that the list stays readable on a phone. Moving is a
    /// page of its own: a choice of every folder under each of hundreds of rows would make the
    /// listing grow with the square of the box.
    static func actions(for item: Item, listing: BoxStore.Listing, csrf: String) -> Component {
        Node<HTML.BodyContext>.element(named: "details", nodes: [
            .element(named: "summary", nodes: [.text("Modifier"), .span(.class("visually-hidden"), .text(" « \(item.name) »"))]),
            .form(.action(item.route + "/nom"), .method(.post), .class("actions"),
                  .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
                  .label(.for("nom-\(item.key)"), .class("visually-hidden"), .text("Nouveau nom")),
                  .input(.type(.text), .id("nom-\(item.key)"), .name("nom"), .required(true), .value(item.name.xmlEscaped),
                         .attribute(named: "maxlength", value: String(TextLimits.lineLength))),
                  .button(.type(.submit), .class("secondary"), .text("Renommer"))),
            .p(.a(.href(item.route + "/deplacement"), .text("Déplacer…"), .span(.class("visually-hidden"), .text(" « \(item.name) »"))),
               .text(" "),
               .a(.href(item.route + "/suppression"), .text("Supprimer…"), .span(.class("visually-hidden"), .text(" « \(item.name) »")))),
        ])
    }

    /// Where to move a folder or a file: every folder of the box named with those above it
    /// (never the folder itself or one under it), and the top of the box.
    static func move(_ item: Item, from current: Int?, folders: [BoxStore.Folder], context: PageContext) -> Page {
        let excluded: Set<Int> = if case .folder(let folder) = item { BoxStore.descendants(of: folder.id, in: folders) } else { [] }
        var destinations: [(String, String)] = current == nil ? [] : [(top, "Porte-documents (premier niveau)")]
        destinations += folders.filter { !excluded.contains($0.id) && $0.id != current }
            .map { (String($0.id), trail(of: $0, in: folders)) }
            .sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
        return Page(title: "Déplacer « \(item.name) »", context: context) {
            if destinations.isEmpty {
                Paragraph("Aucun autre dossier où le mettre\u{A0}: créez-en un d'abord.").class("muted")
            } else {
                Node<HTML.BodyContext>.form(
                    .action(item.route + "/deplacement"), .method(.post), .class("card"),
                    .input(.type(.hidden), .name(CSRF.field), .value(context.csrf)),
                    .label(.for("destination"), .text("Vers le dossier")),
                    .element(named: "select", nodes: [.attribute(named: "id", value: "destination"), .attribute(named: "name", value: "destination")]
                             + destinations.map { value, text in .element(named: "option", nodes: [.attribute(named: "value", value: value), .text(text)]) }),
                    .div(.class("actions"), .button(.type(.submit), .text("Déplacer")),
                         .a(.href(path(current)), .text("Annuler")))
                )
            }
        }
    }

    /// « Cours › Progressions »: a folder named with those above it.
    static func trail(of folder: BoxStore.Folder, in folders: [BoxStore.Folder]) -> String {
        let byID = Dictionary(uniqueKeysWithValues: folders.map { ($0.id, $0) })
        var names = [folder.name]
        var current = folder
        while let parent = current.parent_id.flatMap({ byID[$0] }), names.count <= folders.count {
            names.insert(parent.name, at: 0)
            current = parent
        }
        return names.joined(separator: " › ")
    }

    static func uploadForm(into folderID: Int?, maxBytes: Int, csrf: String) -> Component {
        Node<HTML.BodyContext>.form(
            .action("/porte-documents/fichiers" + (folderID.map { "?dossier=\($0)" } ?? "")), .method(.post), .enctype(.multipartData),
            .class("card"), .id("envoi"),
            .input(.type(.hidden), .name(CSRF.field), .value(csrf)),
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
