import BasculeDomain

/// Why a timetable import refused to write anything: one error type for the pipeline, mapped to
/// HTTP at the edge and printed as is by the CLI.
public enum TimetableImportError: Error, Equatable, CustomStringConvertible {
    /// The reader refused the file; its sentence names the file, the line or entry and the reason.
    case unreadable(String)
    case forbidden(String)
    case unknownEstablishment(String)
    case unknownYear(String)
    case archivedYear(String)
    case otherEstablishment(file: String, fileUAI: String, named: String)
    case outOfYear(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let sentence):
            return sentence
        case .forbidden(let reason):
            return reason
        case .unknownEstablishment(let uai):
            return "Aucun établissement n'a l'UAI « \(uai) »."
        case .unknownYear(let year):
            return "L'année scolaire \(year) n'existe pas dans Bascule."
        case .archivedYear(let year):
            return "L'année scolaire \(year) est archivée\u{00A0}: son emploi du temps se consulte, il ne s'importe plus."
        case .otherEstablishment(let file, let fileUAI, let named):
            return "\(file)\u{00A0}: ce fichier est l'emploi du temps de l'UAI \(fileUAI), pas de \(named)\u{00A0}; "
                + "un opérateur peut l'importer quand même (--accept-other-uai)."
        case .outOfYear(let file, let reason):
            return "\(file)\u{00A0}: \(reason)"
        }
    }
}
