@testable import BasculeApp
import BasculeStorage
import SQLKit
import Testing
import Vapor

@Suite("Pages: names from the feed and from users are escaped on every page", .serialized)
struct HostilePagesTests {
    static let script = "<script>alert(1)</script>"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"

    @Test("Every page of the site, for every profile and for no one, writes hostile names escaped")
    func everyPage() async throws {
        try await withTestApp { app in
            // setup
            let academy = try await TestAcademy.make(app, withActivity: true)
            let suffix = "\"><img src=x>\(Self.script)"
            for (table, column) in [("establishments", "name"), ("accounts", "last_name"), ("accounts", "first_name"),
                                    ("classes", "code"), ("groups", "name"), ("sections", "title"), ("publications", "title"),
                                    ("timetable_rooms", "name"), ("timetable_subjects", "label"),
                                    ("mail_messages", "subject"), ("mail_folders", "name"), ("logbook_sessions", "content"),
                                    ("homework", "content"), ("publications", "body"), ("box_folders", "name"), ("logbook_attachments", "name"), ("shared_documents", "name"),
                                    ("box_documents", "name"), ("calendar_events", "title"), ("favourites", "title"),
                                    ("forms", "title"), ("form_questions", "label"), ("targeted_messages", "title")] {
                try await app.sql.raw("UPDATE \(ident: table) SET \(ident: column) = \(ident: column) || \(bind: suffix)").run()
            }
            var visitors = [HTTPHeaders()]
            for account in [academy.operatorAccount, academy.adminA, academy.headA, academy.teacherA, academy.staffA,
                            academy.studentA, academy.parentA] {
                visitors.append(try await app.logIn(account))
            }
            let uai = academy.establishmentA.uai.code
            // The generated activity's timetable import, whose report page is one of the pages.
            let importID = try await app.sql.raw("""
                SELECT MIN(id) AS id FROM timetable_imports WHERE establishment_id = \(bind: academy.establishmentA.requireID())
                """).first(decodingColumn: "id", as: Int?.self) ?? nil
            let pages = try app.routes.all.filter { $0.method == .GET && $0.path.first != .constant("api") }
                .map { route in try route.path.map { component -> String in
                    switch component {
                    case .constant(let text): return text
                    case .parameter("uai"): return uai
                    case .parameter("id"): return importID.map(String.init) ?? "1"
                    case .parameter("attachment"), .parameter("publication"), .parameter("document"), .parameter("folder"): return "1"
                    case .parameter("list"): return "motifs-absence"
                    default: throw PageError.unexpectedParameter(route.description)
                    }
                }.joined(separator: "/") }
            // act
            var rendered = 0, showingNames = 0
            for visitor in visitors {
                for page in pages {
                    let response = try await app.call(.GET, page, as: visitor)
                    // check
                    if response.headers.contentType?.subType == "html" || response.status != .ok {
                        #expect(!response.body.string.contains(Self.script), "\(page) écrit un nom hostile tel quel")
                        #expect(!response.body.string.contains("<img src=x>"), "\(page) écrit un nom hostile tel quel")
                    } else if response.headers.contentType?.subType != "css" {
                        // A file (CSV, iCalendar, ZIP) holds the names as they are, but is downloaded, never shown.
                        #expect(response.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true, "\(page) n'est pas téléchargé")
                    }
                    #expect(response.status.code < 500, "\(page) : \(response.status)")
                    if response.status == .ok, response.headers.contentType == .html { rendered += 1 }
                    if response.body.string.contains(Self.escaped) { showingNames += 1 }
                }
            }
            // every page is reached by someone, and most of those show a hostile name
            #expect(pages.count >= 10)
            #expect(rendered >= pages.count)
            #expect(showingNames >= pages.count / 2)
        }
    }

    enum PageError: Error { case unexpectedParameter(String) }
}
