import BasculeStorage
import Foundation

/// A delivery's way through the folder: into `.en-cours/<name>/` (its files alone, the folder
/// the importer reads), then with its report to `imported/`, `held/` or `refused/`.
extension FeedInbox {
    /// Imports one complete delivery. A refusal is an outcome; any other failure (the import
    /// lock held by a command, the database) puts the files back, for the next scan.
    func process(_ delivery: Delivery) async throws -> Outcome {
        let working = folder(.working).appendingPathComponent(delivery.name, isDirectory: true)
        try FileManager.default.createDirectory(at: working, withIntermediateDirectories: true)
        for file in delivery.files + delivery.markers {
            try FileManager.default.moveItem(at: file, to: working.appendingPathComponent(file.lastPathComponent))
        }
        seen.withLockedValue { $0[delivery.name] = nil }
        if let done = [Destination.imported, .held].first(where: { exists(delivery.name, in: $0) }) {
            let refusal = AAFDelivery.Refusal(file: delivery.name, reason: "cet export a déjà été déposé (dossier \(done.rawValue)/"
                                              + "\(delivery.name)) : un second dépôt du même export n'est pas importé, "
                                              + "envoyez-le depuis la console s'il doit l'être")
            return try finish(working, as: .refused(delivery.name), report: nil, refusal: refusal)
        }
        return try await importWorking(working, name: delivery.name, confirm: false)
    }

    /// The operator's confirmation of a held delivery: imported again, departures confirmed.
    func confirm(_ name: String) async throws -> Outcome? {
        try await lock("confirmation").run {
            // The name is one read from the folder, never the text the browser sent.
            guard let held = try heldNames().first(where: { $0 == name }) else { return nil }
            let working = folder(.working).appendingPathComponent(held, isDirectory: true)
            try FileManager.default.createDirectory(at: folder(.working), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: folder(.held).appendingPathComponent(held), to: working)
            do {
                return try await importWorking(working, name: held, confirm: true)
            } catch {
                try? FileManager.default.moveItem(at: working, to: folder(.held).appendingPathComponent(held))
                throw error
            }
        }
    }

    private func importWorking(_ working: URL, name: String, confirm: Bool) async throws -> Outcome {
        do {
            let report = try await AAFDelivery.run(folder: working.path, options: .init(confirmDepartures: confirm), db: db, clock: clock)
            return try finish(working, as: AAFDelivery.isHeld(report) ? .held(name) : .imported(name), report: report, refusal: nil)
        } catch let refusal as AAFDelivery.Refusal {
            return try finish(working, as: .refused(name), report: nil, refusal: refusal)
        } catch {
            if !confirm { putBack(working) }
            throw error
        }
    }

    /// Writes the report beside the files (`rapport.json`, `rapport.txt`) and moves the folder.
    private func finish(_ working: URL, as outcome: Outcome, report: FeedImportReport?, refusal: AAFDelivery.Refusal?) throws -> Outcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try report.map { try encoder.encode($0) } ?? encoder.encode(refusal)
        let text = report.map(ImportReportText.render) ?? refusal?.description ?? ""
        try json.write(to: working.appendingPathComponent("rapport.json"))
        try Data((text + "\n").utf8).write(to: working.appendingPathComponent("rapport.txt"))
        let (destination, name): (Destination, String) = switch outcome {
        case .imported(let name): (.imported, name)
        case .held(let name): (.held, name)
        case .refused(let name): (.refused, name)
        }
        try FileManager.default.createDirectory(at: folder(destination), withIntermediateDirectories: true)
        var target = folder(destination).appendingPathComponent(name)
        var copy = 1
        while FileManager.default.fileExists(atPath: target.path) {
            copy += 1
            target = folder(destination).appendingPathComponent("\(name)-\(copy)")
        }
        try FileManager.default.moveItem(at: working, to: target)
        logger.info("boîte de dépôt AAF : \(name) → \(destination.rawValue)/\(target.lastPathComponent)")
        return outcome
    }

    private func exists(_ name: String, in destination: Destination) -> Bool {
        FileManager.default.fileExists(atPath: folder(destination).appendingPathComponent(name).path)
    }

    /// Deliveries a dead process left in `.en-cours/` go back to the folder, to be imported
    /// again whole (an import is all or nothing, and importing an export twice changes nothing).
    func recoverInterrupted() throws {
        let working = folder(.working)
        guard FileManager.default.fileExists(atPath: working.path) else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: working.path) {
            putBack(working.appendingPathComponent(name, isDirectory: true))
        }
    }

    private func putBack(_ working: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: working.path)) ?? []
        for name in names where !name.hasPrefix("rapport.") {
            try? FileManager.default.moveItem(at: working.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        try? FileManager.default.removeItem(at: working)
    }
}
