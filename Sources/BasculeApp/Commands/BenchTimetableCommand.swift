import BasculeDomain
import BasculeFormats
import BasculeGenerator
import BasculeStorage
import Foundation
import Vapor

/// `bascule bench timetable --preset academie [--work DIR]`: imports the generated académie's
/// directory from its AAF export, writes each establishment's timetable as EDT's clear export,
/// then reads and imports every file into the configured database (which must hold no directory
/// yet), and once more the largest, unchanged. Prints the times, the largest file's figures and
/// the peak memory.
struct BenchTimetableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "preset", help: "small, academie (défaut), region ou lycee (un lycée de 2 000 élèves).")
        var preset: String?

        @Option(name: "work", help: "Dossier de travail pour les fichiers générés (défaut : data/bench-edt-PRESET).")
        var work: String?
    }

    var help: String { "Mesure l'import des emplois du temps (export EDT) d'une académie générée." }

    /// Before the rentrée, so that the whole year is still to come and every course is written.
    static let moment = TimetableMoment(date: try! CalendarDate(iso: "2025-08-25"), time: TimeOfDay(minutes: 8 * 60))

    func run(using context: CommandContext, signature: Signature) async throws {
        let preset = try AcademyPreset.option(signature.preset, default: .academie)
        let app = context.application
        let year = SchoolYearName(startYear: 2025)
        let work = signature.work ?? (app.configuration.dataDirectory as NSString).appendingPathComponent("bench-edt-\(preset.name)")
        let aaf = (work as NSString).appendingPathComponent("aaf"), edt = URL(fileURLWithPath: work).appendingPathComponent("edt")
        if (try? AAFFile.export(in: aaf)) == nil {
            _ = try GenerateAAFCommand.write(preset: preset, seed: 1, year: year, to: aaf)
        }
        var started = ContinuousClock.now
        let files = try Self.writeTimetables(preset: preset, year: year, to: edt)
        context.console.print(String(format: "Écriture de %d exports EDT en %.2f s", files.count, (ContinuousClock.now - started).seconds))

        try await app.prepareDatabase()
        started = ContinuousClock.now
        let feed = try await FeedImporter(db: app.db, options: .init(year: year, today: app.clock.today)).run(directory: aaf)
        context.console.print(String(format: "Annuaire (AAF, %@) : %d enregistrements en %.2f s", app.db.dialectName, feed.records,
                                     (ContinuousClock.now - started).seconds))

        let viewer = try await ViewerStore(db: app.db).console()
        var total = Measure(), largest: (file: GeneratedFile, measure: Measure)?
        for file in files {
            let measure = try await Self.importing(file, year: year, viewer: viewer, app: app)
            total.add(measure)
            if measure.courses > largest?.measure.courses ?? -1 { largest = (file, measure) }
        }
        context.console.print(String(format: "Import de %d emplois du temps (%@) : %d cours, %d séances, %d élèves en %.2f s "
                                     + "(lecture %.2f s, écriture %.2f s), %d noms sans correspondance", files.count, app.db.dialectName,
                                     total.courses, total.occurrences, total.students, total.read + total.write, total.read,
                                     total.write, total.unmatched))
        if let largest {
            context.console.print(String(format: "Le plus gros, %@ : %d élèves, %d enseignants, %d cours, %d séances, %.1f Mo — "
                                         + "lecture %.2f s, import %.2f s", largest.file.uai, largest.measure.students,
                                         largest.measure.teachers, largest.measure.courses, largest.measure.occurrences,
                                         Double(largest.file.bytes) / 1e6, largest.measure.read, largest.measure.write))
            let again = try await Self.importing(largest.file, year: year, viewer: viewer, app: app)
            context.console.print(String(format: "Réimport du même fichier : %.2f s, %@", again.read + again.write,
                                         again.changed ? "des changements (inattendu)" : "rien de changé"))
        }
        context.console.print("Mémoire résidente maximale : \(BenchImportCommand.peakResidentMegabytes()) Mo")
    }

    struct GeneratedFile {
        let uai: String
        let url: URL
        let mode: TimetableMode
        let bytes: Int
    }

    struct Measure {
        var read = 0.0, write = 0.0
        var courses = 0, occurrences = 0, students = 0, teachers = 0, unmatched = 0
        var changed = false

        mutating func add(_ other: Measure) {
            read += other.read
            write += other.write
            courses += other.courses
            occurrences += other.occurrences
            students += other.students
            teachers += other.teachers
            unmatched += other.unmatched
        }
    }

    /// One export per establishment, in the generator's order (one establishment in memory at a time).
    static func writeTimetables(preset: AcademyPreset, year: SchoolYearName, to folder: URL) throws -> [GeneratedFile] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = AcademyGenerator(preset: preset, seed: 1, yearName: year)
        var files: [GeneratedFile] = []
        while let batch = generator.nextEstablishment() {
            let timetable = GeneratedTimetable.export(of: batch, subjects: generator.subjects, year: generator.year, seed: 1)
            let url = folder.appendingPathComponent("\(batch.establishment.uai.code).xml")
            try timetable.writer.write(to: url)
            let bytes = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            files.append(GeneratedFile(uai: batch.establishment.uai.code, url: url,
                                       mode: GeneratedTimetable.mode(ofEstablishment: batch.establishment.id), bytes: bytes))
        }
        return files
    }

    static func importing(_ file: GeneratedFile, year: SchoolYearName, viewer: Viewer, app: Application) async throws -> Measure {
        var measure = Measure()
        var started = ContinuousClock.now
        let export = try TimetableReader.read(fileAt: file.url, displayName: file.url.lastPathComponent, keys: nil)
        measure.read = (ContinuousClock.now - started).seconds
        started = ContinuousClock.now
        let report = try await TimetableImporter(db: app.db).run(
            .init(export: export, fileName: file.url.lastPathComponent, uai: file.uai, year: year, mode: file.mode, now: moment),
            by: viewer, at: app.clock.now)
        measure.write = (ContinuousClock.now - started).seconds
        measure.courses = report[.courses].inFile
        measure.occurrences = report[.occurrences].inFile
        measure.students = report[.students].inFile
        measure.teachers = report[.teachers].inFile
        measure.changed = report.changesSomething
        measure.unmatched = report.unmatched.count
        return measure
    }
}
