import BasculeDomain
import FluentKit
import Foundation
import SQLKit

extension YearChangeEngine {
    public struct PurgeReport: Sendable, Codable, Equatable {
        public var sections = 0
        public var deliveries = 0
        public var groups = 0
        public var accounts = 0
        public var files = 0
    }

    /// Deletes for good what finished changes hid, once its window has passed: the sections of
    /// emptied recycle bins, the unfiled inboxes and the year-limited manual groups of archived
    /// years, the disabled manual accounts. The changes concerned can no longer be undone.
    public func purge(asOf today: CalendarDate, holder: String = YearChangeEngine.defaultHolder) async throws -> PurgeReport {
        try await exclusively(holder: holder) { try await purgeLocked(asOf: today) }
    }

    private func purgeLocked(asOf today: CalendarDate) async throws -> PurgeReport {
        func days(_ rule: YearChangeRule.ID) -> Int {
            switch YearChangeRules.rule(rule).action {
            case .hide(let days), .endWithYear(let days), .disable(let days): days
            default: 0
            }
        }
        let mailCutoff = today.adding(days: -days(.hideUnfiledInbox)).iso
        let groupCutoff = today.adding(days: -days(.removeManualGroups)).iso
        let accountCutoff = today.adding(days: -days(.disableManualAccounts)).iso
        var report = try await db.transaction { database in
            let tx = database as! any SQLDatabase
            var report = PurgeReport()
            // Years whose every change is done and old enough.
            let finished: (String) -> SQLQueryString = { cutoff in
                """
                SELECT r.from_year_id FROM year_change_runs r JOIN school_years y ON y.id = r.from_year_id
                WHERE y.state = \(SchoolYearState.archived) AND r.state IN (\(list: [YearChangeRunState.done, .purged])) GROUP BY r.from_year_id
                HAVING MAX(r.as_of) <= \(bind: cutoff)
                """
            }
            report.sections = try await tx.count("sections WHERE purged_on IS NOT NULL AND purged_on <= \(bind: today.iso)")
            try await tx.raw("DELETE FROM sections WHERE purged_on IS NOT NULL AND purged_on <= \(bind: today.iso)").run()
            let deliveries: SQLQueryString = """
                folder_id IS NULL AND is_archived = \(bind: false) AND school_year_id IN (\(finished(mailCutoff)))
                """
            report.deliveries = try await tx.count("mail_deliveries WHERE \(deliveries)")
            try await tx.raw("DELETE FROM mail_deliveries WHERE \(deliveries)").run()
            let groups: SQLQueryString = """
                kind = \(GroupKind.manual) AND lifetime = \(GroupLifetime.schoolYear) AND school_year_id IN (\(finished(groupCutoff)))
                """
            report.groups = try await tx.count("groups WHERE \(groups)")
            try await tx.raw("DELETE FROM groups WHERE \(groups)").run()
            let accounts: SQLQueryString = """
                source = \(AccountSource.manual) AND state = \(AccountState.left) AND left_on <= \(bind: accountCutoff) AND is_perennial = \(bind: false)
                """
            report.accounts = try await tx.count("accounts WHERE \(accounts)")
            try await tx.raw("DELETE FROM accounts WHERE \(accounts)").run()
            try await tx.raw("""
                UPDATE year_change_runs SET state = \(YearChangeRunState.purged) WHERE state = \(YearChangeRunState.done) AND as_of <= \(bind: today.iso)
                """).run()
            return report
        }
        report.files = try await files.collectGarbage(on: sql)
        return report
    }
}
