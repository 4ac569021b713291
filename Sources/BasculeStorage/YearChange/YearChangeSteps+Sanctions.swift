import BasculeDomain
import Foundation
import SQLKit

extension YearChangeSteps {
    /// The year's sanctions as a CSV file, sent by internal mail to each head of establishment
    /// (the guide's archive of sanctions). The message belongs to the new year, so that it is
    /// in the heads' inbox when the year turns.
    func mailSanctionsToHeads(log: UndoLog, files: FileStore) async throws -> Int {
        struct Sanction: Decodable {
            let last_name: String, first_name: String, class_code: String?, decided_on: String, kind: String
            let reason: String?, decision: String
        }
        let sanctions = try await sql.raw("""
            SELECT a.last_name, a.first_name, c.code AS class_code, s.decided_on, s.kind, r.label AS reason, s.decision
            FROM sanctions s JOIN accounts a ON a.id = s.student_id
            LEFT JOIN sanction_reasons r ON r.id = s.reason_id
            LEFT JOIN class_memberships m ON m.account_id = s.student_id
                AND m.class_id IN (SELECT id FROM classes WHERE establishment_id = \(scope.establishment) AND school_year_id = \(scope.fromYearBind))
            LEFT JOIN classes c ON c.id = m.class_id
            WHERE s.establishment_id = \(scope.establishment) AND s.school_year_id = \(scope.fromYearBind)
            ORDER BY s.decided_on, a.last_name, a.first_name, s.id
            """).all(decoding: Sanction.self)
        let heads = try await sql.raw("""
            SELECT DISTINCT account_id FROM profiles WHERE establishment_id = \(scope.establishment) AND kind = \(ProfileKind.head)
            AND (school_year_id = \(scope.fromYearBind) OR school_year_id = \(bind: scope.toYearID) OR school_year_id IS NULL)
            ORDER BY account_id
            """).all(decodingColumn: "account_id", as: Int.self)
        guard !sanctions.isEmpty, !heads.isEmpty else { return sanctions.count }
        let csv = try FrenchCSV.make(
            header: ["Élève", "Classe", "Date", "Sanction", "Motif", "Décision"],
            rows: sanctions.map { ["\($0.last_name) \($0.first_name)", $0.class_code ?? "", $0.decided_on, $0.kind,
                                   $0.reason ?? "", $0.decision] })
        let fileID = try await storeFile(csv, mediaType: "text/csv", files: files, log: log)
        let messageID = try await nextID("mail_messages")
        try await sql.insert(into: "mail_messages").columns("id", "school_year_id", "sender_id", "sent_at", "subject", "body")
            .values(SQLBind(messageID), SQLBind(scope.toYearID), SQLLiteral.null, SQLBind(scope.asOf.iso + "T00:00:00"),
                    SQLBind("Archive des sanctions \(scope.fromYear)"),
                    SQLBind("Bonjour,\nVoici, en pièce jointe, les \(sanctions.count) sanctions de l'année \(scope.fromYear), archivées au changement d'année."))
            .run()
        try await log.inserted("mail_messages", ids: [messageID])
        let firstDelivery = try await nextID("mail_deliveries")
        let deliveries = sql.insert(into: "mail_deliveries")
            .columns("id", "message_id", "account_id", "school_year_id", "folder_id", "is_read", "is_archived")
        for (offset, head) in heads.enumerated() {
            deliveries.values(SQLBind(firstDelivery + offset), SQLBind(messageID), SQLBind(head), SQLBind(scope.toYearID),
                              SQLLiteral.null, SQLBind(false), SQLBind(false))
        }
        try await deliveries.run()
        try await log.inserted("mail_deliveries", ids: Array(firstDelivery..<(firstDelivery + heads.count)))
        let attachmentID = try await nextID("mail_attachments")
        try await sql.insert(into: "mail_attachments").columns("id", "message_id", "file_id", "name")
            .values(SQLBind(attachmentID), SQLBind(messageID), SQLBind(fileID), SQLBind("sanctions-\(scope.fromYear).csv")).run()
        try await log.inserted("mail_attachments", ids: [attachmentID])
        try await SequenceSync.resync(sql, tables: ["mail_messages", "mail_deliveries", "mail_attachments"])
        return sanctions.count
    }

    /// A file for a row the change writes: an existing content is shared, a new one gets its row.
    func storeFile(_ data: Data, mediaType: String, files: FileStore, log: UndoLog) async throws -> Int {
        let sha256 = FileStore.sha256(of: data)
        try files.writeBlob(data, sha256: sha256)
        if let id = try await sql.select().column("id").from("files").where("sha256", .equal, sha256)
            .first(decodingColumn: "id", as: Int.self) { return id }
        let id = try await nextID("files")
        try await sql.insert(into: "files").columns("id", "sha256", "byte_count", "media_type")
            .values(SQLBind(id), SQLBind(sha256), SQLBind(data.count), SQLBind(mediaType)).run()
        try await log.inserted("files", ids: [id])
        try await SequenceSync.resync(sql, tables: ["files"])
        return id
    }
}
