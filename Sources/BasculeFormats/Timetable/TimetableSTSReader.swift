import BasculeDomain
import Foundation

/// STS-Web `emp_sts` files.
struct TimetableSTSReader {
    let fileName: String
    let limits: TimetableLimits

    func read(_ root: TimetableXMLNode, companion: TimetableXMLNode?) throws(TimetableFileError) -> TimetableExport {
        throw TimetableFileError(fileName: fileName, reason: "les fichiers STS-Web emp_sts ne sont pas encore lus")
    }
}
