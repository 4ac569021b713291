import BasculeDomain
import Foundation

/// UnDeuxTemps exports: a ZIP of `UDCal_*.xml`.
struct TimetableUDTReader {
    let fileName: String
    let limits: TimetableLimits

    func read(zipAt url: URL) throws(TimetableFileError) -> TimetableExport {
        throw TimetableFileError(fileName: fileName, reason: "les archives UnDeuxTemps (UDT) ne sont pas encore lues")
    }
}
