import BasculeStorage

/// What a page says of a refusal: the API names tables and columns for the developers who call
/// it; a page names what its reader sees — the field's label, never a table.
extension ServiceError {
    var pageReason: String {
        switch self {
        case .notFound, .unknownTable:
            "Ce que vous cherchez n'existe pas, ou ne vous est pas accessible."
        case .invalid(let field, let reason):
            "« \(Self.label(of: field)) »\u{A0}: \(reason)."
        case .conflict:
            "Cet enregistrement en contredit un autre (il existe peut-être déjà)."
        default:
            reason
        }
    }

    /// The labels the pages give the columns their forms fill.
    static let labels: [String: String] = [
        "title": "Titre", "subject": "Objet", "body": "Texte", "content": "Contenu", "name": "Nom", "nom": "Nom",
        "due_on": "À faire pour le", "held_on": "Date", "given_on": "Donné le", "starts_at": "Début", "ends_at": "Fin",
        "location": "Lieu", "url": "Adresse", "label": "Intitulé", "value": "Réponse", "to": "Destinataires",
        "classes": "Classes", "groups": "Groupes", "date": "Date", "class": "Classe", "login": "Identifiant",
        "student_id": "Élève", "folder_id": "Dossier", "parent_id": "Dossier parent", "audience": "Destinataires",
        "questions": "Questions", "fichiers": "Fichiers", "elements_par_page": "Messages par page",
    ]

    static func label(of field: String) -> String {
        labels[field] ?? field
    }
}
