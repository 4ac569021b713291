import BasculeDomain
import BasculeStorage
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BasculeApp

/// The drop folder's hold, lived by the operator in real headless Chromium: the export that
/// would mark too many people as left waits in `held/` until it is confirmed on the import page.
@Suite("Drop folder end to end in headless Chromium", .enabled(if: TestEngine.runsBrowserTests))
struct InboxBrowserTests {
    @Test("A held export of the drop folder is imported once the operator confirms it in the browser")
    func confirmHeldExport() async throws {
        let folder = try Delivered.newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withTestApp(settings: ["BASCULE_AAF_INBOX": folder, "BASCULE_AAF_INBOX_SETTLE_SECONDS": "0"]) { app in
            // setup: three people imported, then an export without one of them
            let academy = try await TestAcademy.make(app)
            let inbox = try #require(app.feedInbox)
            try Delivered.drop("sample-2024-next", as: "20240916", into: folder)
            let first = try await inbox.scan()
            try Delivered.drop("sample-2024", as: "20240917", into: folder)
            let held = try await inbox.scan()
            let site = try await app.serveOnLocalPort()
            defer { Task { await app.server.shutdown() } }
            let browser = try await Chromium.launch(on: app.eventLoopGroup)
            do {
                // act
                try await browser.logIn(at: site, as: academy.operatorAccount.login)
                try await browser.open("\(site)/console")
                try await browser.click("a[href='/console/imports']")
                try await browser.waitForText("Export retenu")
                let page = try await browser.text()
                try await browser.screenshot("imports-retenu")
                try await browser.click("form[action='/console/imports/depot/Complet_20240917/confirmation'] button")
                try await browser.waitForText("départs confirmés")
                let after = try await browser.text()
                try await browser.screenshot("imports-confirme")
                // check
                #expect(first == [.imported("Complet_20240916")])
                #expect(held == [.held("Complet_20240917")])
                #expect(page.contains("Retenu\u{A0}: "), "\(page)")
                #expect(after.contains("Aucun export retenu"))
                #expect(FileManager.default.fileExists(atPath: "\(folder)/imported/Complet_20240917/rapport.txt"))
                #expect(try await inbox.heldNames().isEmpty)
                let state = try await app.sql.raw("SELECT state FROM accounts WHERE jointure = '314161'").first(decodingColumn: "state", as: String.self)
                #expect(state == "left")
            } catch {
                Issue.record(error)
            }
            await browser.close()
        }
    }
}
