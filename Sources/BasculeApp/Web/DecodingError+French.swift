/// A request body that does not decode, said in French with the field's name — never the
/// Swift types or the decoder's internals.
extension DecodingError {
    var frenchReason: String {
        func field(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "corps" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        return switch self {
        case .keyNotFound(let key, let context): "Requête invalide : champ « \(field(context.codingPath + [key])) » manquant."
        case .valueNotFound(_, let context): "Requête invalide : champ « \(field(context.codingPath)) » sans valeur."
        case .typeMismatch(_, let context): "Requête invalide : champ « \(field(context.codingPath)) » d'un type inattendu."
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            "Requête invalide : champ « \(field(context.codingPath)) » illisible."
        default: "Requête invalide : le corps n'est pas un JSON lisible."
        }
    }
}
